#include <time.h>

#include "date.h"

void date__today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(out, 11, "%Y-%m-%d", &tm))
		out[0] = '\0';
}
