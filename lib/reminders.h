#ifndef GRILLE_REMINDERS_PRIVATE_H
#define GRILLE_REMINDERS_PRIVATE_H

#include <jansson.h>

#include "grille/reminders.h"

/* The reminders' part of the status JSON (grille-status(1)) set in `root`:
 * "test_phase", "reviews" (which it replaces, with the days counted),
 * "actions" and "group_files". */
void reminders__status_json(json_t *root, const grille_reminders *reminders);

#endif
