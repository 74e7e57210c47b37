// Validate record files as an editor does: yaml-language-server's own language service, YAML 1.2,
// each file's schema taken from its `# yaml-language-server: $schema=…` comment.
// Usage: NODE_PATH=.cache/node_modules node tests/editor_check.js FILE…  → one line per diagnostic.
const fs = require("fs");
const path = require("path");
const { getLanguageService } = require("yaml-language-server/out/server/src/languageservice/yamlLanguageService");
const { TextDocument } = require("vscode-languageserver-textdocument");
const { URI } = require("vscode-uri");

const service = getLanguageService({
  schemaRequestService: (uri) => Promise.resolve(fs.readFileSync(URI.parse(uri).fsPath, "utf-8")),
  workspaceContext: {
    resolveRelativePath: (relative, resource) =>
      URI.file(path.resolve(path.dirname(URI.parse(resource).fsPath), relative)).toString(),
  },
});
service.configure({ validate: true, yamlVersion: "1.2", customTags: [] });

(async () => {
  for (const file of process.argv.slice(2)) {
    const text = fs.readFileSync(file, "utf-8");
    const document = TextDocument.create(URI.file(path.resolve(file)).toString(), "yaml", 1, text);
    for (const found of await service.doValidation(document, false)) {
      console.log(`${file}:${found.range.start.line + 1}: ${found.message}`);
    }
  }
})();
