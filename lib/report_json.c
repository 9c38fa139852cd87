#include "report.h"
int report_json(grille_buf *out, const struct report *r) { (void)out; (void)r; return 0; }
