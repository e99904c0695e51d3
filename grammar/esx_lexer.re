/* esx.conf lexer (re2c). A line is `/path/key = "value"`: a key word, '=', and a double-
 * quoted string in which a backslash escapes the next byte. Blanks are space, TAB and CR.
 * The file has no comment syntax: '#' is an ordinary byte of a (stray) word. */
#include "linefiles.h"

/*!re2c
	re2c:api = custom;
	re2c:api:style = free-form;
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYPEEK = "(cur < lim ? (unsigned char)buf[cur] : 0)";
	re2c:define:YYSKIP = "++cur;";
	re2c:define:YYBACKUP = "mar = cur;";
	re2c:define:YYRESTORE = "cur = mar;";
	re2c:define:YYLESSTHAN = "(lim - cur < @@{len})";
	re2c:yyfill:enable = 0;
	re2c:eof = 0;
	re2c:indent:string = "\t";
*/

enum lt_tok
esx_lex_raw(void *lexer, uint32_t *start, uint32_t *end)
{
	struct lt_lexer *lx = lexer;
	const char *buf = lx->buf;
	uint32_t cur = lx->cur, lim = lx->len, mar = cur;
	enum lt_tok k;

	(void)mar;
	*start = cur;
	/*!re2c
	$ { k = LT_EOF; goto out; }
	"\n" { k = LT_EOL; goto out; }
	[ \t\r]+ { k = LT_BLANK; goto out; }
	"=" { k = LT_EQUALS; goto out; }
	["] ([^"\\\n] | "\\" [^\n])* ("\\" | ["])? { k = LT_STRING; goto out; }
	[^ \t\r\n="]+ { k = LT_WORD; goto out; }
	* { k = LT_WORD; goto out; }
	*/
out:
	lx->cur = cur;
	*end = cur;
	return k;
}
