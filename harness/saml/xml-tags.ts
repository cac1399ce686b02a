/**
 * Tag balance, checked on the text before xmldom parses it. xmldom 0.8 ignores an end tag that
 * matches no open element (`<a><b>x</bx></a>` parses as `<a><b>x</b></a>`) and one after the root
 * (`<a/></b>`): a lenient parser under a signature check is where parser-differential bypasses
 * come from, since another parser may read the same bytes as another tree. XML 1.0 §3 requires
 * every end tag to name the element it closes, and nothing but misc after the root (§2.1, §2.8).
 * Hand-written because it is one linear scan that only tracks names; a second XML parser would be
 * a second reading of the bytes, which is the problem it guards against.
 * @see XML 1.0 §2.1 (document), §3 (element type, well-formedness: element type match)
 */
import { SamlError } from './errors.js';

const END_TAG = /<\/([^\s/>]+)\s*>/y;
const START_NAME = /<([^\s/>!?]+)/y;
/** What ends a start tag, or opens a quoted attribute value inside it. */
const TAG_STOP = /["'>]/g;
/** The rest of an attribute value and its closing quote: no '<' in it (XML 1.0 §3.1, AttValue). */
const VALUE_REST: Readonly<Record<string, RegExp>> = { '"': /[^<"]*"/y, "'": /[^<']*'/y };

function malformed(detail: string, at: number): SamlError {
  return new SamlError('not-well-formed', `XML message is not well-formed: ${detail} (offset ${at})`);
}

/** Index just past `close` searched from `from`; refuses when it never comes. */
function past(text: string, from: number, close: string, what: string, at: number): number {
  const end = text.indexOf(close, from);
  if (end < 0) throw malformed(`${what} is never closed with '${close}'`, at);
  return end + close.length;
}

/**
 * Refuses a document whose end tags do not each close the innermost open element, that ends with
 * an element open, or that has an end tag with no element open (after the root, or before it).
 * Comments, CDATA sections and processing instructions are skipped whole; a `>` inside a quoted
 * attribute value does not end its tag. A DOCTYPE is refused before this runs (parseXml).
 */
export function refuseUnbalancedTags(text: string): void {
  const open: string[] = [];
  let at = 0;
  for (let lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', at)) {
    if (text.startsWith('<!--', lt)) at = past(text, lt + 4, '-->', 'a comment', lt);
    else if (text.startsWith('<![CDATA[', lt)) at = past(text, lt + 9, ']]>', 'a CDATA section', lt);
    else if (text.startsWith('<?', lt)) at = past(text, lt + 2, '?>', 'a processing instruction', lt);
    else if (text.startsWith('</', lt)) {
      END_TAG.lastIndex = lt;
      const end = END_TAG.exec(text);
      if (!end) throw malformed('an end tag is not of the form </name>', lt);
      const name = end[1]!;
      const expected = open.pop();
      if (expected === undefined) throw malformed(`the end tag </${name}> closes no open element`, lt);
      if (expected !== name)
        throw malformed(`the end tag </${name}> does not match the open element <${expected}>`, lt);
      at = END_TAG.lastIndex;
    } else {
      START_NAME.lastIndex = lt;
      const start = START_NAME.exec(text);
      if (!start) throw malformed("a '<' starts no tag", lt);
      let i = START_NAME.lastIndex;
      // To the tag's '>', over quoted attribute values (which may hold '>' and '/').
      for (;;) {
        TAG_STOP.lastIndex = i;
        const stop = TAG_STOP.exec(text);
        if (!stop) throw malformed(`the start tag <${start[1]!}> is never closed with '>'`, lt);
        i = stop.index;
        const char = text.charAt(i);
        if (char === '>') break;
        const rest = VALUE_REST[char]!;
        rest.lastIndex = i + 1;
        if (!rest.exec(text))
          throw malformed(`an attribute value of <${start[1]!}> holds '<' or is never closed`, i);
        i = rest.lastIndex;
      }
      if (text.charAt(i - 1) !== '/') open.push(start[1]!);
      at = i + 1;
    }
  }
  if (open.length > 0) throw malformed(`the element <${open.at(-1)!}> is never closed`, text.length);
}
