/* step-tickers lexer (re2c). The RHEL ntpd init script reads the file with
 * `sed 's/#.*$//'` and lets the shell split the rest into words: a '#' anywhere, even
 * inside a word, starts a comment; only space, TAB and newline separate words (IFS), so
 * a CR stays part of its word, as do NUL and every other byte. */
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
stk_lex_raw(void *lexer, uint32_t *start, uint32_t *end)
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
	[ \t]+ { k = LT_BLANK; goto out; }
	"#" [^\n]* { k = LT_COMMENT; goto out; }
	[^ \t\n#]+ { k = LT_WORD; goto out; }
	* { k = LT_WORD; goto out; }
	*/
out:
	lx->cur = cur;
	*end = cur;
	return k;
}
