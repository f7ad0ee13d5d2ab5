// Copy the GOV.UK Frontend build (CSS, JavaScript, fonts, images) and axe-core into the
// Django static files. Nothing is fetched at run time: the pages serve these copies.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const target = join(root, "src/watching_brief/tracker/web/static/vendor");
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
const govuk = join(root, "node_modules/govuk-frontend/dist/govuk");
for (const file of ["govuk-frontend.min.css", "govuk-frontend.min.js"]) {
  cpSync(join(govuk, file), join(target, "govuk", file));
}
cpSync(join(govuk, "assets"), join(target, "govuk", "assets"), { recursive: true });
// The stylesheet points at /assets/ at the site root; point it beside itself instead.
const css = join(target, "govuk", "govuk-frontend.min.css");
writeFileSync(css, readFileSync(css, "utf8").replaceAll("/assets/", "assets/"));
cpSync(join(root, "node_modules/axe-core/axe.min.js"), join(target, "axe.min.js"));
console.log(`assets copied to ${target}`);
