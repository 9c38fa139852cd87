/* libFuzzer target: a step file's scan as the stat cache keeps it
 * (scan_binary__get, lib/scan_binary.c), read from the input after four bytes
 * giving the file's size. Any input is a scan or refused; never a crash or a
 * leak; what is read lies within the file (the editing commands cut there),
 * in order, and written again reads back the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "scan_binary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void within(size_t start, size_t heading_to, size_t end, const struct scan_mark *m, size_t file)
{
	if (start > heading_to || heading_to > end || end > file || m->start > m->end || m->end > file)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	size_t file = (size_t)data[0] | (size_t)data[1] << 8 | (size_t)data[2] << 16 | (size_t)data[3] << 24;
	struct bin_reader r = bin__reader(data + 4, size - 4);
	struct scan scan;
	if (scan_binary__get(&r, &scan, file) != 0)
		return 0;
	for (size_t i = 0; i < scan.item_count; i++)
		within(scan.items[i].start, scan.items[i].heading_to, scan.items[i].end, &scan.items[i].mark, file);
	for (size_t i = 0; i < scan.question_count; i++) {
		const struct scan_question *q = &scan.questions[i];
		within(q->start, q->heading_to, q->end, &q->mark, file);
		for (size_t p = 0; p <= q->position_count; p++) {
			const struct scan_section *sec = p < q->position_count ? &q->positions[p] : &q->synthesis;
			if (sec->start > file || sec->body.start > sec->body.end || sec->body.end > file ||
			    (p < q->position_count) != (sec->name != NULL))
				abort();
		}
	}
	/* Written again, it is the bytes read. */
	grille_buf again = GRILLE_BUF_INIT;
	scan_binary__put(&again, &scan);
	size_t used = (size_t)(r.at - (data + 4));
	if (!grille_buf_oom(&again) && (again.len != used || memcmp(again.ptr, data + 4, used) != 0))
		abort();
	grille_buf_release(&again);
	scan__release(&scan);
	return 0;
}
