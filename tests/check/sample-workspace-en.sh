# The English sample's history, sourced by sample-workspace.sh in the workspace.
S1=step-1-where-do-we-start.md S2=step-2-principles-for-action.md S3=step-3-diagnosis.md
S4=step-4-action-plan.md

camille "2026-10-08T20:30:00"
printf '%s\n' '| Camille Martin | facilitator | camille@example.org | |' \
	'| Dominique Petit | treasurer | dominique@example.org | |' >>membres.md
answer $S1 1.1.a 'A neighbourhood association: 12 volunteers, **2 employees**, a shared room.'
answer $S1 1.1.b 'Our coordinator left.\n\n- calendars are scattered\n- emails get lost'
answer $S1 1.2.a 'Find our documents and decisions without searching.'
"$GRILLE" skip 1.1.e --reason "not relevant for us" >/dev/null
milestone "Launch meeting" launch

dominique "2026-10-15T19:00:00"
answer $S1 1.3.a 'Camille, with Dominique for the technical side.'
answer $S1 1.4.a 'Information comes through three channels; meetings repeat what was decided.'
milestone "Step 1: the need"

camille "2026-10-22T20:00:00"
choose $S2 "Building or strengthening trust" "Doing things together"
answer $S2 2.1.a 'To depend less on one person.'
"$GRILLE" skip 2.4 --reason "social innovation is next year's theme" >/dev/null
milestone "Step 2: our principles" principles

dominique "2026-10-29T19:30:00"
choose $S3 "Getting organised (calendars, tasks, decisions, contacts)"
answer $S3 3.1.a 'A board of four, three committees and the Thursday volunteers.'
milestone "Step 3: how we work"

camille "2026-11-05T20:00:00"
answer $S3 3.4.a 'Everyone has a phone; eight out of twelve a computer at home.'
"$GRILLE" defer 3.5 --until 2027-01-15 --reason "waiting for the federation's GDPR guide" >/dev/null
milestone "Step 3: equipment" diagnosis

dominique "2026-11-12T19:00:00"
answer $S4 4.1.a 'Keep the accounts spreadsheet; set up a shared calendar.'
printf '%s\n' '| A1 | Open the shared calendar | Dominique Petit | 2026-11-20 | done | | calendar open | 4.1.b | | | |' \
	'| A2 | Train the Thursday volunteers | Camille Martin | 2026-12-10 | doing | two evenings | 8 people | 4.2.c | | | |' >>plan.md
printf '%s\n' '| 2026-11-20 | test start | | |' '| 2027-02-28 | test end | | |' '| 2026-12-18 | review | Mid-term review | |' >>calendrier.md
milestone "Step 4: the plan"

camille "2026-11-24T20:30:00"
answer $S4 4.3.a 'A decision made in a meeting is written down the same evening.'
milestone "Step 4: rules" test-phase
