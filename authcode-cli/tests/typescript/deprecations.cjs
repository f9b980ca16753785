// Prints every use of a deprecated declaration in the pass cases, as an editor shows it: the
// place, TypeScript's message and the note of the `@deprecated` tag. Editors strike such uses
// through from suggestion diagnostics, which `tsc` does not print, so this asks the language
// service of the same TypeScript.
//
//   node deprecations.cjs generated/tsconfig.pass.json
"use strict";
const path = require("path");
const ts = require("typescript");

const config = process.argv[2];
const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  },
});
const host = {
  getScriptFileNames: () => parsed.fileNames,
  getScriptVersion: () => "1",
  getScriptSnapshot: (file) =>
    ts.sys.fileExists(file) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(file)) : undefined,
  getCurrentDirectory: () => process.cwd(),
  getCompilationSettings: () => parsed.options,
  getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());
const shown = (file) => path.relative(process.cwd(), file).split(path.sep).join("/");
for (const file of parsed.fileNames.filter((name) => shown(name).startsWith("pass/"))) {
  for (const diagnostic of service.getSuggestionDiagnostics(file)) {
    if (!diagnostic.reportsDeprecated) continue;
    const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const info = service.getQuickInfoAtPosition(file, diagnostic.start);
    const tag = (info?.tags ?? []).find((tag) => tag.name === "deprecated");
    const note = (tag?.text ?? []).map((part) => part.text).join("");
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
    console.log(`${shown(file)}(${at.line + 1},${at.character + 1}): ${message} ${note}`.trimEnd());
  }
}
