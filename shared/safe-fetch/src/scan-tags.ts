import { Tokenizer } from 'htmlparser2';

/** Tags whose attributes the image extractor reads; every other start tag is skipped without building its attributes. */
const WANTED = new Set(['img', 'source', 'picture', 'video', 'meta', 'a', 'base']);
const WANTED_ATTRIBUTES = new Set(['src', 'srcset', 'href', 'content', 'property', 'name']);

export interface TagHandlers {
  onstarttag(name: string, attrs: Record<string, string>): void;
  onendtag(name: string): void;
}

/**
 * Start tags (with attributes) and end tags of an HTML document, in order, in time linear in its length.
 * htmlparser2's Parser keeps a stack of open elements and searches it on every tag, which goes quadratic on
 * deeply nested markup (1 MB of `<b>` took seconds of synchronous work); the tokenizer underneath keeps no
 * stack. Names are lower-cased and the first of repeated attributes wins, as in the Parser.
 */
export function scanStartTags(html: string, handlers: TagHandlers): void {
  let tag: string | undefined;
  let attrs: Record<string, string> = {};
  let attrName: string | undefined;
  let value: string[] = [];

  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        const name = html.slice(start, end).toLowerCase();
        tag = WANTED.has(name) ? name : undefined;
        attrs = {};
      },
      onattribname(start, end) {
        const name = tag === undefined ? undefined : html.slice(start, end).toLowerCase();
        attrName = name !== undefined && WANTED_ATTRIBUTES.has(name) && !Object.hasOwn(attrs, name) ? name : undefined;
        value = [];
      },
      onattribdata(start, end) {
        if (attrName !== undefined) value.push(html.slice(start, end));
      },
      onattribentity(codepoint) {
        if (attrName !== undefined) value.push(String.fromCodePoint(codepoint));
      },
      onattribend() {
        if (attrName !== undefined) attrs[attrName] = value.join('');
        attrName = undefined;
        value = [];
      },
      onopentagend() {
        if (tag !== undefined) handlers.onstarttag(tag, attrs);
        tag = undefined;
      },
      onselfclosingtag() {
        if (tag !== undefined) handlers.onstarttag(tag, attrs);
        tag = undefined;
      },
      onclosetag(start, end) {
        handlers.onendtag(html.slice(start, end).toLowerCase());
      },
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onprocessinginstruction() {},
      ontext() {},
      ontextentity() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
}
