/* libFuzzer target: loading grille.yaml (grille_settings_load_buffer). Any
 * input loads, or fails with a GRILLE_E* code and a message; never a crash, a
 * leak or a blow-up (aliases, deep nesting). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "grille/grille.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return grille_init() < 0 ? (abort(), 1) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	grille_settings *settings = NULL;
	if (grille_settings_load_buffer(&settings, (const char *)data, size, "grille.yaml") == 0)
		grille_settings_free(settings);
	else if (!grille_error_last()[0]) {
		fprintf(stderr, "grille_settings_load_buffer failed without a message\n");
		abort();
	}
	return 0;
}
