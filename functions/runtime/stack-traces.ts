/**
 * Source-mapped stack traces for the Lambda bundles, with the map read only when a stack is first formatted.
 * Node's --enable-source-maps reads and indexes the whole map (~1.2 MB for the webhook) while the bundle loads, at
 * every cold start (~25 ms of the webhook's load on the dev machine); most containers never format a stack at all.
 * Decoding the map costs the first mapped stack ~0.2 s (webhook), as it does with the flag, which decodes it then.
 * Frames in the bundle read as their TypeScript source (`at bookSlot (functions/domain/scheduling/book-slot.ts:42:7)`),
 * as with the flag; frames elsewhere (Node's own) are left as V8 prints them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

type Origin = { fileName?: string; lineNumber?: number; columnNumber?: number; name?: string };

/**
 * A source as an operator finds it: esbuild writes it relative to where the bundle was built (a CDK temp directory),
 * so it is cut to the repository's `functions/…` (or `test/…`), or to the package under `node_modules/`.
 */
function repoPath(file: string): string {
  const dependency = file.lastIndexOf('node_modules/');
  if (dependency >= 0) return file.slice(dependency);
  const own = file.search(/(?:^|\/)(?:functions|test)\//);
  return own >= 0 ? file.slice(own).replace(/^\//, '') : file.replace(/^(?:\.\.\/)+/, '');
}

/** A mapped position, or undefined outside the map. */
function origin(map: SourceMap, line: number | null, column: number | null): Origin | undefined {
  if (line === null || column === null) return undefined;
  const found = map.findOrigin(line, column) as Origin;
  return found.fileName ? found : undefined;
}

/**
 * A frame's function name in the source, as Node finds it: the name mapped at the function's start, else the name
 * the caller (the next frame, when it is in the bundle too) called it by.
 */
function sourceName(map: SourceMap, frame: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string | undefined {
  const own = origin(map, frame.getEnclosingLineNumber(), frame.getEnclosingColumnNumber())?.name;
  if (own || !caller || caller.getFileName() !== frame.getFileName()) return own;
  return origin(map, caller.getLineNumber(), caller.getColumnNumber())?.name;
}

/** One frame as V8 prints it, with the bundle's positions and names replaced by the source's. */
function frameText(frames: NodeJS.CallSite[], index: number, bundle: string, map: () => SourceMap | undefined): string {
  const frame = frames[index]!;
  const sourceMap = frame.getFileName() === bundle ? map() : undefined;
  const at = sourceMap && origin(sourceMap, frame.getLineNumber(), frame.getColumnNumber());
  if (!sourceMap || !at) return frame.toString();
  const name = sourceName(sourceMap, frame, frames[index + 1]) ?? frame.getFunctionName() ?? '<anonymous>';
  return `${frame.isAsync() ? 'async ' : ''}${name} (${repoPath(at.fileName!)}:${at.lineNumber}:${at.columnNumber})`;
}

/** The stack's first line, as V8 writes it. */
function header(error: unknown): string {
  try {
    return String(error);
  } catch {
    return 'Error';
  }
}

/**
 * Maps `bundle`'s frames through `${bundle}.map` in every formatted stack, reading the map on first use. Does nothing
 * (returns false) where Node already maps stacks (--enable-source-maps) or where there is no map: the sources under
 * tsx and vitest, which map their own.
 */
export function mapStacksLazily(bundle: string | undefined): boolean {
  const mapFile = `${bundle}.map`;
  if (!bundle || process.sourceMapsEnabled || !existsSync(mapFile)) return false;
  let loaded: SourceMap | null | undefined;
  const map = (): SourceMap | undefined => {
    if (loaded === undefined) {
      try {
        loaded = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
      } catch {
        // An unreadable map must not turn one error into another: frames stay as V8 printed them.
        loaded = null;
      }
    }
    return loaded ?? undefined;
  };
  Error.prepareStackTrace = (error, frames) =>
    header(error) + frames.map((_, index) => `\n    at ${frameText(frames, index, bundle, map)}`).join('');
  return true;
}

/** The running bundle's file: CommonJS has `__filename`; the ESM sources (tsx) have none. */
export function bundleFile(): string | undefined {
  return typeof __filename === 'string' ? __filename : undefined;
}
