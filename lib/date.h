#ifndef GRILLE_DATE_H
#define GRILLE_DATE_H

/* Today's local date, "YYYY-MM-DD": what "today" means when the caller gives
 * none. */
void date__today(char out[11]);

#endif
