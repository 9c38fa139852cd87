/* Build-time tool: turns a file into a C array so the default grid ships inside
 * the binary and `grille init` works with nothing installed. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: embed SYMBOL INPUT OUTPUT\n");
		return 2;
	}
	FILE *in = fopen(argv[2], "rb");
	if (!in) {
		perror(argv[2]);
		return 1;
	}
	FILE *out = fopen(argv[3], "w");
	if (!out) {
		perror(argv[3]);
		fclose(in);
		return 1;
	}
	fprintf(out, "/* Generated from %s by embed: do not edit. */\n#include <stddef.h>\n", argv[2]);
	fprintf(out, "const unsigned char %s[] = {\n", argv[1]);
	size_t n = 0;
	int c;
	while ((c = getc(in)) != EOF) {
		fprintf(out, "0x%02x,%s", c, ++n % 16 ? "" : "\n");
	}
	fprintf(out, "0x00\n};\nconst size_t %s_size = %zu;\n", argv[1], n);
	int failed = ferror(in) || ferror(out);
	fclose(in);
	if (fclose(out) != 0 || failed) {
		fprintf(stderr, "embed: could not write %s\n", argv[3]);
		return 1;
	}
	return 0;
}
