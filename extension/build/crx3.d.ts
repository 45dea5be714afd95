// npm crx3 ships no types; this is the part of its API build/crx.js uses.
declare module 'crx3' {
  export default function crx3(files: string[], options: { keyPath: string; crxPath: string }): Promise<unknown>;
}
