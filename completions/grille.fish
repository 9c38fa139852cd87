# fish completion for grille(1): commands, options, and the values of the
# current workspace, which `grille __complete WHAT` gives one a line
# (grille(1), COMPLÉTION). Installed in …/fish/vendor_completions.d.

# The workspace's values of kind $argv[1], from the grille being completed (-C kept).
function __grille_values
    set -l tokens (commandline -opc)
    set -l dir
    for i in (seq 2 (count $tokens))
        if test "$tokens[$i]" = -C; and test $i -lt (count $tokens)
            set dir -C $tokens[(math $i + 1)]
        end
    end
    command $tokens[1] $dir __complete $argv[1] 2>/dev/null
end

# The words typed that are not options: the command, then its arguments (-C's folder left out).
function __grille_words
    set -l tokens (commandline -opc)
    set -e tokens[1] # grille itself
    set -l skip 0
    for t in $tokens
        if test $skip = 1
            set skip 0
        else if test "$t" = -C
            set skip 1
        else if not string match -q -- '-*' $t
            echo $t
        end
    end
end

# Whether the command is $argv[1] and, with more, its subcommand one of $argv[2..].
function __grille_is
    set -l words (__grille_words)
    test "$words[1]" = "$argv[1]"; or return 1
    set -e argv[1]
    test (count $argv) -eq 0; or contains -- "$words[2]" $argv
end

# How many arguments follow the command.
function __grille_args
    math (count (__grille_words)) - 1
end

set -l commands init clone status skip defer reopen deepen position commit milestone log diff who sync member plan calendar report round sheet grid help edit answer serve
complete -c grille -f
complete -c grille -n "not __fish_seen_subcommand_from $commands" -s C -r -a '(__fish_complete_directories)' -d 'travailler dans DOSSIER'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'afficher l’aide'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'afficher la version'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -s q -l quiet -d 'seulement les erreurs et le résultat demandé'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -l no-color -d 'sans couleurs'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -l color -x -a 'always never auto' -d 'les couleurs'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -l no-pager -d 'sans pager'

complete -c grille -n "not __fish_seen_subcommand_from $commands" -a init -d 'créer un espace de travail'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a clone -d 'rejoindre un groupe'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a status -d 'voir où en est la démarche'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a skip -d 'mettre de côté un item ou une question'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a defer -d 'garder pour plus tard'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a reopen -d 'rouvrir un item ou une question'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a deepen -d 'ajouter les questions du niveau suivant'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a position -d 'ajouter sa position'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a commit -d 'enregistrer un jalon'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a milestone -d 'poser un jalon nommé'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a log -d 'la progression au fil des jalons'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a diff -d 'ce qui a changé'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a who -d 'qui a écrit les réponses'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a sync -d 'partager avec un dépôt partagé'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a member -d 'les membres du groupe'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a plan -d 'le plan d’action'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a calendar -d 'la phase de test et les bilans'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a report -d 'le document de synthèse'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a round -d 'commencer le tour suivant'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a sheet -d 'une fiche de travail à imprimer'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a grid -d 'la nouvelle version de la grille'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a help -d 'l’aide d’une commande'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a edit -d 'ouvrir une question dans un éditeur'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a answer -d 'écrire une réponse'
complete -c grille -n "not __fish_seen_subcommand_from $commands" -a serve -d 'une page web locale'

complete -c grille -n "__fish_seen_subcommand_from $commands" -s h -l help -d 'afficher l’aide'
complete -c grille -n '__grille_is help' -a "$commands"

complete -c grille -n '__grille_is init' -s t -l title -x -d titre
complete -c grille -n '__grille_is init' -s c -l collective -x -d collectif
complete -c grille -n '__grille_is init' -s l -l level -x -a '1 2 3' -d 'niveau de détail'
complete -c grille -n '__grille_is init' -s g -l grid -r -F -d grille
complete -c grille -n '__grille_is init' -l author -x -d auteur
complete -c grille -n '__grille_is init' -l language -x -a 'fr en' -d langue
complete -c grille -n '__grille_is clone' -l author -x -d auteur
complete -c grille -n '__grille_is init' -a '(__fish_complete_directories)'

complete -c grille -n '__grille_is status' -l json
complete -c grille -n '__grille_is status' -s s -l step -x -a '(__grille_values steps)' -d étape
complete -c grille -n '__grille_is status' -s a -l all
complete -c grille -n '__grille_is status' -s l -l level -x -a '1 2 3' -d niveau
complete -c grille -n '__grille_is status' -l check
complete -c grille -n '__grille_is status' -s m -l mine

complete -c grille -n '__grille_is skip; and test (__grille_args) -eq 0' -a '(__grille_values ids)'
complete -c grille -n '__grille_is skip' -s r -l reason -x -d raison
complete -c grille -n '__grille_is defer; and test (__grille_args) -eq 0' -a '(__grille_values ids)'
complete -c grille -n '__grille_is defer' -s u -l until -x -d date
complete -c grille -n '__grille_is defer' -s r -l reason -x -d raison
complete -c grille -n '__grille_is reopen; and test (__grille_args) -eq 0' -a '(__grille_values marked)'
complete -c grille -n '__grille_is deepen; and test (__grille_args) -eq 0' -a '(__grille_values items; __grille_values steps)'
complete -c grille -n '__grille_is deepen' -s l -l level -x -a '1 2 3' -d niveau
complete -c grille -n '__grille_is position; and test (__grille_args) -eq 0' -a '(__grille_values positions)'
complete -c grille -n '__grille_is position' -s m -l member -x -a '(__grille_values members)' -d membre

for c in commit milestone
    complete -c grille -n "__grille_is $c" -s m -l message -x -d message
    complete -c grille -n "__grille_is $c" -s a -l all -d 'enregistrer aussi les fichiers nouveaux'
    complete -c grille -n "__grille_is $c" -l author -x -d auteur
end
for c in log diff who
    complete -c grille -n "__grille_is $c" -l json
end
complete -c grille -n '__grille_is diff' -l stat -d 'une ligne par question, sans les textes'
complete -c grille -n '__grille_is sync' -l set-remote -x -d 'dépôt partagé'
complete -c grille -n '__grille_is sync' -l author -x -d auteur

complete -c grille -n '__grille_is member; and test (__grille_args) -eq 0' -a 'list add remove'
complete -c grille -n '__grille_is member remove; and test (__grille_args) -eq 1' -a '(__grille_values members)'
complete -c grille -n '__grille_is member' -l json
complete -c grille -n '__grille_is member' -s r -l role -x -d rôle
complete -c grille -n '__grille_is member' -s e -l email -x -d courriel
complete -c grille -n '__grille_is member' -s i -l identity -x -d 'identité git'

complete -c grille -n '__grille_is plan; and test (__grille_args) -eq 0' -a 'list add set start done drop decide'
complete -c grille -n '__grille_is plan set start done drop decide; and test (__grille_args) -eq 1' -a '(__grille_values actions)'
complete -c grille -n '__grille_is plan decide; and test (__grille_args) -eq 2' -a 'garder ajuster abandonner'
complete -c grille -n '__grille_is plan' -s w -l who -x -a '(__grille_values members)' -d membre
complete -c grille -n '__grille_is plan' -s d -l due -x -d échéance
complete -c grille -n '__grille_is plan' -s m -l means -x -d moyens
complete -c grille -n '__grille_is plan' -s i -l indicator -x -d indicateur
complete -c grille -n '__grille_is plan' -s f -l for -x -a '(__grille_values ids)' -d 'item ou question'
complete -c grille -n '__grille_is plan' -s t -l text -x -d texte
complete -c grille -n '__grille_is plan' -s s -l state -x -a 'todo doing done dropped fait abandonnée' -d état
complete -c grille -n '__grille_is plan' -s r -l reason -x -d raison
complete -c grille -n '__grille_is plan' -s l -l late -d 'en retard'
complete -c grille -n '__grille_is plan' -l json

complete -c grille -n '__grille_is calendar; and test (__grille_args) -eq 0' -a 'list test review'
complete -c grille -n '__grille_is calendar' -l json
complete -c grille -n '__grille_is calendar' -l ics
complete -c grille -n '__grille_is calendar' -s o -l output -r -F
complete -c grille -n '__grille_is calendar' -l done
complete -c grille -n '__grille_is calendar' -l remove

complete -c grille -n '__grille_is report' -s o -l output -r -F
complete -c grille -n '__grille_is report' -s f -l format -x -a 'html odt md json' -d format
complete -c grille -n '__grille_is report' -l at -x -d jalon
complete -c grille -n '__grille_is report' -s s -l step -x -a '(__grille_values steps)' -d étape
complete -c grille -n '__grille_is report' -l guidance
complete -c grille -n '__grille_is report' -l authors -d 'qui a écrit chaque réponse'
complete -c grille -n '__grille_is report' -l round -x -d tour

complete -c grille -n '__grille_is round; and test (__grille_args) -eq 0' -a new
complete -c grille -n '__grille_is round' -s n -l dry-run
complete -c grille -n '__grille_is round' -s f -l force
complete -c grille -n '__grille_is round' -l author -x -d auteur

complete -c grille -n '__grille_is sheet; and test (__grille_args) -eq 0' -a '(__grille_values steps)'
complete -c grille -n '__grille_is sheet' -s o -l output -r -F
complete -c grille -n '__grille_is sheet' -s f -l format -x -a 'html odt' -d format

complete -c grille -n '__grille_is grid; and test (__grille_args) -eq 0' -a upgrade
complete -c grille -n '__grille_is grid' -s n -l dry-run

complete -c grille -n '__grille_is edit; and test (__grille_args) -eq 0' -a '(__grille_values questions)'
complete -c grille -n '__grille_is answer; and test (__grille_args) -eq 0' -a '(__grille_values questions)'
complete -c grille -n '__grille_is answer' -l file -r -F
complete -c grille -n '__grille_is serve' -s l -l listen -x -d 'adresse IP'
complete -c grille -n '__grille_is serve' -s p -l port -x -d port
complete -c grille -n '__grille_is serve' -s o -l open -d 'ouvrir dans le navigateur'
