#include <time.h>

#include "grille/grid.h"
#include "date.h"

void date__today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(out, 11, "%Y-%m-%d", &tm))
		out[0] = '\0';
}

static long digits(const char *s, int n)
{
	long v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar: the
 * "days from civil" count of http://howardhinnant.github.io/date_algorithms.html,
 * with March as the year's first month so that February's length comes last. */
int date__day_number(long *out, const char *iso)
{
	*out = 0;
	if (!iso || !grille_date_valid(iso))
		return -1;
	long y = digits(iso, 4), m = digits(iso + 5, 2), d = digits(iso + 8, 2);
	y -= m <= 2;
	long era = y / 400; /* years 1000 to 9999: never negative */
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = era * 146097 + doe - 719468;
	return 0;
}

int date__days_between(long *out, const char *from, const char *to)
{
	long a, b;
	*out = 0;
	if (date__day_number(&a, from) < 0 || date__day_number(&b, to) < 0)
		return -1;
	*out = b - a;
	return 0;
}
