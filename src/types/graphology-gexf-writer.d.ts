// The GEXF writer alone: the package's main entry pulls in a Node XML parser and its
// browser entry needs DOMParser at load, while the writer itself runs anywhere.
declare module 'graphology-gexf/browser/writer.js' {
  import type { write } from 'graphology-gexf/browser';
  const writeGexf: typeof write;
  export default writeGexf;
}
