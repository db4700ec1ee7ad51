/**
 * How the architecture tests read a source file: every module it imports, as the TypeScript compiler parses them
 * (static, side-effect and type-only imports, export-from, import(), require(), import types), and the words the
 * domain must not say, matched case-insensitively in code and comments alike.
 */
import ts from 'typescript';

/** Every module specifier `text` imports or re-exports, in source order. */
export function importsIn(text: string, fileName = 'probe.ts'): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      literal(node.moduleReference.expression);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    else if (ts.isCallExpression(node) && isLoader(node.expression)) literal(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** import(…), require(…) and require.resolve(…). */
function isLoader(callee: ts.Expression): boolean {
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  return (
    ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require'
  );
}

/** Words of a provider's wire format (field and endpoint names) that only its adapter folder may use. */
const PROVIDER_FIELDS = [
  'odata',
  'showAs',
  'homeAccountId',
  'transactionId',
  'iCalUId',
  'changeKey',
  'calendarView',
  'mailboxSettings',
  'userPrincipalName',
  'getSchedule',
  'onlineMeetingProvider',
  'hangoutLink',
  'conferenceData',
  'syncToken',
  'nextPageToken',
  'windows[\\s_-]?zone',
];

/**
 * What the domain must not say: reading the environment, reaching the network, or any provider's name, product,
 * library or wire field (each provider's adapter folder maps those to the domain's own words).
 */
export const FORBIDDEN: readonly { what: string; pattern: RegExp }[] = [
  // process.env, process?.env, process['env'], and aliasing it (const { env } = process).
  {
    what: 'the environment',
    pattern: /\bprocess\s*(\??\.\s*env\b|\[\s*['"`]env['"`]\s*\])|(?<==\s*)process\b(?!\s*(\??\.|\[))/,
  },
  { what: 'the network', pattern: /\bfetch\s*\(|\bglobalThis\b|\bXMLHttpRequest\b|\bWebSocket\b|\bEventSource\b/ },
  { what: 'a provider', pattern: /\b(graph|msal|outlook|microsoft|entra|azure|google|gmail|exchange online)\b/ },
  { what: 'a provider field', pattern: new RegExp(PROVIDER_FIELDS.join('|')) },
];

/** Each forbidden thing `text` says, as "what: the words", case-insensitively (empty when it says none). */
export function forbiddenIn(text: string): string[] {
  return FORBIDDEN.flatMap(({ what, pattern }) => {
    const words = [...new Set([...text.matchAll(new RegExp(pattern.source, 'gi'))].map((m) => m[0]))];
    return words.length ? [`${what}: ${words.join(', ')}`] : [];
  });
}
