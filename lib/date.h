#ifndef GRILLE_DATE_H
#define GRILLE_DATE_H

/* Today's local date, "YYYY-MM-DD": what "today" means when the caller gives
 * none. */
void date__today(char out[11]);

/*
 * Calendar dates "YYYY-MM-DD" as day numbers, without time zones nor
 * mktime(): days since 1970-01-01 in `*out` (negative before it). 0, or -1
 * when `iso` is NULL or not a date that exists (grille_date_valid()).
 */
int date__day_number(long *out, const char *iso);

/* The day number of year `y`, month `m` (1-12), day `d`, and back: the
 * "days from civil" count of http://howardhinnant.github.io/date_algorithms.html,
 * with March as the year's first month so that February's length comes last. */
long date__from_civil(long y, long m, long d);
void date__to_civil(long day, long *y, long *m, long *d);

/* The days from `from` to `to` (negative when `to` comes first): 0, or -1
 * when either is not a date. */
int date__days_between(long *out, const char *from, const char *to);

#endif
