// Appends the pages of one tagged PDF to another with pdf-lib and keeps them tagged: pdf-lib copies a page's
// marked content but not the structure elements that own it, so the source's structure tree is copied under the
// destination's, one grouping element (a Part) per appended document, and its parent tree entries are renumbered.
import {
  PDFArray,
  PDFBool,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFObject,
  PDFObjectCopier,
  type PDFPage,
  PDFRef,
  PDFString,
} from 'pdf-lib';

const name = PDFName.of;

export type AppendTaggedPagesOptions = {
  /** The structure type of the element that holds the appended document's tree: a Part (default) or a Sect. */
  role?: 'Part' | 'Sect';
  /** Its title (/T), which assistive technology may announce. */
  title?: string;
};

/** A text string as pdfkit writes one: literal when plain ASCII (which every reader prints), else UTF-16. */
const textString = (text: string): PDFString | PDFHexString =>
  /^[\x20-\x7e]*$/.test(text)
    ? PDFString.of(text.replace(/[()\\]/g, (c) => `\\${c}`))
    : PDFHexString.fromText(text);

/** A number tree's entries: its root's /Nums, or its leaves' through /Kids. */
function numberTreeEntries(tree: PDFDict | undefined): Map<number, PDFObject> {
  const entries = new Map<number, PDFObject>();
  const visit = (node: PDFDict, depth: number): void => {
    // A malformed tree that points back at itself ends here rather than in a stack overflow.
    if (depth > 32) return;
    const nums = node.lookupMaybe(name('Nums'), PDFArray);
    if (nums) {
      for (let i = 0; i + 1 < nums.size(); i += 2) {
        const key = nums.lookupMaybe(i, PDFNumber);
        if (key) entries.set(key.asNumber(), nums.get(i + 1));
      }
    }
    const kids = node.lookupMaybe(name('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) {
      const kid = kids.lookupMaybe(i, PDFDict);
      if (kid) visit(kid, depth + 1);
    }
  };
  if (tree) visit(tree, 0);
  return entries;
}

/** The destination's StructTreeRoot, made (with an empty parent tree) when the destination has none. */
function structTreeRootOf(doc: PDFDocument): { root: PDFDict; ref: PDFRef } {
  const { catalog, context } = doc;
  const existing = catalog.get(name('StructTreeRoot'));
  if (existing instanceof PDFRef) return { root: context.lookup(existing, PDFDict), ref: existing };
  const root =
    existing instanceof PDFDict
      ? existing
      : context.obj({ Type: 'StructTreeRoot', K: [], ParentTree: { Nums: [] }, ParentTreeNextKey: 0 });
  const ref = context.register(root);
  catalog.set(name('StructTreeRoot'), ref);
  const markInfo = catalog.lookupMaybe(name('MarkInfo'), PDFDict);
  if (markInfo) markInfo.set(name('Marked'), PDFBool.True);
  else catalog.set(name('MarkInfo'), context.obj({ Marked: true }));
  return { root, ref };
}

/** An element's kids as a list: /K may be one kid or an array of them. */
function kidsOf(element: PDFDict): PDFObject[] {
  const k = element.get(name('K'));
  if (k === undefined) return [];
  if (k instanceof PDFArray) return k.asArray();
  if (k instanceof PDFRef) {
    const kids = element.context.lookup(k);
    if (kids instanceof PDFArray) return kids.asArray();
  }
  return [k];
}

/** Where the appended documents go: under the destination's one Document element, else under the root. */
function containerOf(doc: PDFDocument, root: PDFDict, rootRef: PDFRef): { element: PDFDict; ref: PDFRef } {
  const top = kidsOf(root);
  if (top.length === 1 && top[0] instanceof PDFRef) {
    const only = doc.context.lookup(top[0]);
    if (only instanceof PDFDict && only.get(name('S')) === name('Document'))
      return { element: only, ref: top[0] };
  }
  return { element: root, ref: rootRef };
}

/** Appends `ref` as the last kid of `element`, turning a single /K into an array first. */
function appendKid(doc: PDFDocument, element: PDFDict, ref: PDFRef): void {
  const kids = kidsOf(element);
  element.set(name('K'), doc.context.obj([...kids, ref]));
}

/**
 * Copies every page of `source` to the end of `dest` and, when `source` is tagged, its structure tree under the
 * destination's: the element that holds the tree is the last kid of the destination's Document element, so the
 * reading order follows the page order. Returns the pages added.
 */
export async function appendTaggedPages(
  dest: PDFDocument,
  source: PDFDocument,
  options: AppendTaggedPagesOptions = {},
): Promise<PDFPage[]> {
  const sourcePages = source.getPages();
  const pages = await dest.copyPages(source, source.getPageIndices());
  for (const page of pages) dest.addPage(page);

  const sourceRoot = source.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  if (!sourceRoot) {
    // An untagged document's pages cannot bring keys into the destination's parent tree.
    for (const page of pages) page.node.delete(name('StructParents'));
    return pages;
  }

  const context = dest.context;
  const copier = PDFObjectCopier.for(source.context, context);
  const pageOf = new Map<PDFRef, PDFRef>();
  const annotationOf = new Map<PDFRef, PDFRef>();
  sourcePages.forEach((sourcePage, i) => {
    pageOf.set(sourcePage.ref, pages[i].ref);
    // pdf-lib copies a page's annotations in order, so the n-th of the copy is the copy of the n-th.
    const from = sourcePage.node.Annots();
    const to = pages[i].node.Annots();
    for (let j = 0; from && to && j < from.size(); j++) {
      const a = from.get(j);
      const b = to.get(j);
      if (a instanceof PDFRef && b instanceof PDFRef) annotationOf.set(a, b);
    }
  });

  // The copies of the source's structure elements, by the source's reference.
  const elementOf = new Map<PDFRef, PDFRef>();

  /** A kid of a structure element: a marked-content id, a marked-content or object reference, or an element. */
  const copyKid = (kid: PDFObject, parent: PDFRef): PDFObject | null => {
    if (kid instanceof PDFNumber) return kid;
    const ref = kid instanceof PDFRef ? kid : null;
    const dict = ref ? source.context.lookup(ref) : kid;
    if (!(dict instanceof PDFDict)) return null;
    const type = dict.get(name('Type'));
    if (type === name('MCR')) {
      const page = dict.get(name('Pg'));
      const mcid = dict.get(name('MCID'));
      const copiedPage = page instanceof PDFRef ? pageOf.get(page) : undefined;
      if (!copiedPage || !(mcid instanceof PDFNumber)) return null;
      const mcr = context.obj({ Type: 'MCR', Pg: copiedPage, MCID: mcid });
      const stream = dict.get(name('Stm'));
      if (stream) mcr.set(name('Stm'), copier.copy(stream));
      return mcr;
    }
    if (type === name('OBJR')) {
      // Only annotations are followed: another object's copy (an XObject) is not known here.
      const page = dict.get(name('Pg'));
      const object = dict.get(name('Obj'));
      const copiedPage = page instanceof PDFRef ? pageOf.get(page) : undefined;
      const copiedObject = object instanceof PDFRef ? annotationOf.get(object) : undefined;
      if (!copiedObject) return null;
      const objr = context.obj({ Type: 'OBJR', Obj: copiedObject });
      if (copiedPage) objr.set(name('Pg'), copiedPage);
      return objr;
    }
    return copyElement(dict, ref, parent);
  };

  /** One structure element and its subtree; /P, /Pg and /K point into the destination. */
  const copyElement = (element: PDFDict, ref: PDFRef | null, parent: PDFRef, role?: PDFName): PDFRef => {
    // An element is copied once, even if a malformed tree names it twice (or names an ancestor as a kid).
    const copied = ref ? elementOf.get(ref) : undefined;
    if (copied) return copied;
    const copy = context.obj({});
    const copyRef = context.register(copy);
    if (ref) elementOf.set(ref, copyRef);
    for (const [key, value] of element.entries()) {
      if (key === name('P') || key === name('K')) continue;
      if (key === name('Pg')) {
        const page = value instanceof PDFRef ? pageOf.get(value) : undefined;
        if (page) copy.set(key, page);
        // Element ids would need the source's IdTree merged too; nothing in a Mejora PDF refers to them.
      } else if (key !== name('ID')) copy.set(key, copier.copy(value));
    }
    if (role) copy.set(name('S'), role);
    copy.set(name('P'), parent);
    const kids = kidsOf(element)
      .map((kid) => copyKid(kid, copyRef))
      .filter((kid): kid is PDFObject => kid !== null);
    if (kids.length) copy.set(name('K'), context.obj(kids));
    return copyRef;
  };

  const { root, ref: rootRef } = structTreeRootOf(dest);
  const container = containerOf(dest, root, rootRef);
  const role = name(options.role ?? 'Part');
  // A source whose tree is one Document element becomes that element, retyped; any other tree is wrapped.
  const sourceTop = kidsOf(sourceRoot);
  const onlyTop = sourceTop.length === 1 ? sourceTop[0] : null;
  const onlyElement = onlyTop instanceof PDFRef ? source.context.lookup(onlyTop) : null;
  let part: PDFRef;
  if (onlyElement instanceof PDFDict && onlyElement.get(name('S')) === name('Document')) {
    part = copyElement(onlyElement, onlyTop as PDFRef, container.ref, role);
  } else {
    part = context.register(context.obj({ Type: 'StructElem', S: role, P: container.ref }));
    const partDict = context.lookup(part, PDFDict);
    const kids = sourceTop.map((kid) => copyKid(kid, part)).filter((kid): kid is PDFObject => kid !== null);
    if (kids.length) partDict.set(name('K'), context.obj(kids));
  }
  const partDict = context.lookup(part, PDFDict);
  if (options.title) partDict.set(name('T'), textString(options.title));
  const lang = source.catalog.get(name('Lang'));
  if (lang && !partDict.has(name('Lang'))) partDict.set(name('Lang'), copier.copy(lang));
  appendKid(dest, container.element, part);

  // The parent tree: each copied page (and annotation) gets a fresh key whose entry names the copied elements.
  const sourceEntries = numberTreeEntries(sourceRoot.lookupMaybe(name('ParentTree'), PDFDict));
  const parentTree = root.lookupMaybe(name('ParentTree'), PDFDict);
  const entries = numberTreeEntries(parentTree);
  const stated = root.lookupMaybe(name('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
  let nextKey = Math.max(stated, ...[...entries.keys()].map((k) => k + 1));
  const copiedEntry = (entry: PDFObject | undefined): PDFObject | null => {
    const value = entry instanceof PDFRef ? source.context.lookup(entry) : entry;
    if (value instanceof PDFArray) {
      return context.obj(
        value.asArray().map((item) => (item instanceof PDFRef ? (elementOf.get(item) ?? PDFNull) : PDFNull)),
      );
    }
    return entry instanceof PDFRef ? (elementOf.get(entry) ?? null) : null;
  };
  const renumber = (node: PDFDict, key: 'StructParents' | 'StructParent'): void => {
    const old = node.lookupMaybe(name(key), PDFNumber);
    if (!old) return;
    const entry = copiedEntry(sourceEntries.get(old.asNumber()));
    if (!entry) {
      node.delete(name(key));
      return;
    }
    entries.set(nextKey, entry);
    node.set(name(key), PDFNumber.of(nextKey));
    nextKey++;
  };
  for (const page of pages) {
    renumber(page.node, 'StructParents');
    const annotations = page.node.Annots();
    for (let j = 0; annotations && j < annotations.size(); j++) {
      const annotation = annotations.lookupMaybe(j, PDFDict);
      if (annotation) renumber(annotation, 'StructParent');
    }
  }
  // Written back flat, in the destination's own tree when it has one: a few hundred keys need no /Kids.
  const nums = [...entries.entries()].sort(([a], [b]) => a - b).flatMap(([k, v]) => [PDFNumber.of(k), v]);
  const tree = parentTree ?? context.obj({});
  tree.set(name('Nums'), context.obj(nums));
  tree.delete(name('Kids'));
  tree.delete(name('Limits'));
  if (!parentTree) root.set(name('ParentTree'), context.register(tree));
  root.set(name('ParentTreeNextKey'), PDFNumber.of(nextKey));

  // Role and class maps: the destination's own names win; the source's other names are added.
  for (const key of ['RoleMap', 'ClassMap']) {
    const from = sourceRoot.lookupMaybe(name(key), PDFDict);
    if (!from) continue;
    const to = root.lookupMaybe(name(key), PDFDict) ?? context.obj({});
    for (const [entryName, value] of from.entries()) {
      if (!to.has(entryName)) to.set(entryName, copier.copy(value));
    }
    root.set(name(key), to);
  }
  return pages;
}
