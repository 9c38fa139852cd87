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

long date__from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date__to_civil(long day, long *y, long *m, long *d)
{
	day += 719468;
	long era = (day >= 0 ? day : day - 146096) / 146097;
	long doe = day - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

int date__day_number(long *out, const char *iso)
{
	*out = 0;
	if (!iso || !grille_date_valid(iso))
		return -1;
	*out = date__from_civil(digits(iso, 4), digits(iso + 5, 2), digits(iso + 8, 2));
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
