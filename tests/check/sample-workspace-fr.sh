# The French sample's history, sourced by sample-workspace.sh in the workspace.
S1=etape-1-par-ou-commencons-nous.md S2=etape-2-principes-d-action.md S3=etape-3-diagnostic.md
S4=etape-4-plan-d-action.md

# 1. The launch meeting, written down by Camille.
camille "2026-10-08T20:30:00"
printf '%s\n' '| Camille Martin | animatrice, secrétaire | camille@example.org | |' \
	'| Dominique Petit | trésorier, référent numérique | dominique@example.org | |' >>membres.md
answer $S1 1.1.a 'Une association de quartier : 12 bénévoles, **2 salariées**, un local partagé avec la maison des jeunes.'
answer $S1 1.1.b 'Le départ de notre coordinatrice, qui tenait tout de tête.\n\n- les agendas sont éparpillés\n- les mails se perdent\n- personne ne sait où est la dernière version des documents'
answer $S1 1.1.c 'Une subvention de la ville qui demande un *plan de travail* partagé, et l'"'"'arrivée de six nouveaux bénévoles à la rentrée.'
answer $S1 1.2.a 'Retrouver nos documents et nos décisions sans chercher, et que chacun sache qui fait quoi.'
answer $S1 1.2.b 'Le bureau, lors de l'"'"'assemblée générale de juin, puis les bénévoles du jeudi dans un courrier commun.'
"$GRILLE" skip 1.1.e --reason "hors sujet pour nous" >/dev/null
milestone "Réunion de lancement : le contexte" lancement

# 2. Dominique completes step 1.
dominique "2026-10-15T19:00:00"
answer $S1 1.2.c 'Nous voulons un seul endroit pour nos documents, un agenda commun et des décisions écrites.'
answer $S1 1.2.d 'Largement : les bénévoles du jeudi le demandent depuis un an ; le bureau est plus partagé sur les outils.'
answer $S1 1.3.a 'Camille, avec l'"'"'appui de Dominique pour la partie technique.'
answer $S1 1.3.b 'Deux heures par semaine chacun, pendant six mois.'
answer $S1 1.4.a 'Les informations arrivent par trois canaux différents ; les réunions servent surtout à se redire ce qui a été décidé.'
answer $S1 1.4.b 'Retrouver les documents, puis savoir qui s'"'"'occupe de quoi.'
answer $S1 1.6.b 'Quand un nouveau bénévole trouve seul le planning du mois et les comptes rendus.'
milestone "Étape 1 : le besoin et qui porte la démarche"

# 3. The principles, chosen together.
camille "2026-10-22T20:00:00"
choose $S2 "Créer ou renforcer la confiance" "Faire ensemble" "Adopter une démarche progressive" "Des outils au service de l'humain"
answer $S2 2.0.b 'Chaque principe retenu aura une phrase dans notre charte, relue en assemblée générale.'
answer $S2 2.1.a 'Pour moins dépendre d'"'"'une seule personne, et pour que les nouveaux trouvent leur place plus vite.'
answer $S2 2.2.a 'Les permanences du jeudi et le repas de fin d'"'"'année.'
answer $S2 2.3.a 'Un questionnaire court, puis une soirée de choix ouverte à tous les membres.'
answer $S2 2.5.a 'Un agenda partagé, avant tout autre outil.'
"$GRILLE" skip 2.4 --reason "l'innovation sociale sera le thème de l'an prochain, pas de cette démarche" >/dev/null
milestone "Étape 2 : nos principes" principes

# 4. The diagnosis, in two evenings.
dominique "2026-10-29T19:30:00"
answer $S3 3.1.a 'Un bureau de quatre personnes, trois commissions (animation, jardin, comptes) et les bénévoles du jeudi.'
answer $S3 3.1.b 'Par courriel surtout, par téléphone pour l'"'"'urgent, et de vive voix le jeudi.'
choose $S3 "S'organiser (agendas, tâches, décisions, contacts)" "Communiquer (courriel, messagerie instantanée, listes)"
answer $S3 3.2.b '| Usage | Outil |\n|---|---|\n| S'"'"'organiser | un tableur partagé |\n| Communiquer | courriel, messagerie |\n| Partager | clés USB, pièces jointes |'
answer $S3 3.2.d 'Chercher la dernière version d'"'"'un document dans six fils de courriel.'
milestone "Étape 3 : l'organisation et les usages"

camille "2026-11-05T20:00:00"
answer $S3 3.3.a 'La préparation de la fête de quartier.'
answer $S3 3.4.a 'Tous ont un téléphone ; huit sur douze un ordinateur à la maison.'
answer $S3 3.4.b 'Très variable : trois personnes se disent mal à l'"'"'aise.'
"$GRILLE" defer 3.5 --until 2027-01-15 --reason "à voir avec la fédération, qui prépare un guide du RGPD" >/dev/null
milestone "Étape 3 : le processus et les équipements" diagnostic

# 5. The plan and its calendar.
dominique "2026-11-12T19:00:00"
answer $S4 4.1.a 'Garder le tableur des comptes ; mettre en place un agenda partagé et un dossier commun.'
answer $S4 4.1.b 'Un agenda en ligne hébergé par [un chaton](https://www.chatons.org), un dossier partagé sur le même service.'
answer $S4 4.2.a 'Une soirée de présentation, puis un binôme pour chaque personne qui le souhaite.'
printf '%s\n' '| A1 | Ouvrir l'"'"'agenda partagé | Dominique Petit | 2026-11-20 | fait | le service du chaton | l'"'"'agenda est ouvert | 4.1.b | | | |' \
	'| A2 | Former les bénévoles du jeudi | Camille Martin | 2026-12-10 | en cours | deux soirées | 8 personnes formées | 4.2.c | | | |' \
	'| A3 | Écrire la charte d'"'"'usage | Camille Martin, Dominique Petit | 2027-01-10 | à faire | une réunion | charte adoptée | 4.3.c | | | |' >>plan.md
printf '%s\n' '| 2026-11-20 | début du test | | |' '| 2027-02-28 | fin du test | | |' \
	'| 2026-12-18 | bilan | Bilan d'"'"'étape | |' '| 2027-03-10 | bilan | Bilan de la phase de test | |' >>calendrier.md
milestone "Étape 4 : le plan d'action"

# 6. The rules, after the first weeks.
camille "2026-11-24T20:30:00"
answer $S4 4.3.a 'Une décision prise en réunion est écrite le soir même dans le dossier commun.'
answer $S4 4.3.b 'Dominique est référent de l'"'"'agenda ; Camille tient le dossier commun.'
answer $S4 4.4.a 'Trois mois, de fin novembre à fin février.'
milestone "Étape 4 : les règles du collectif" phase-de-test
