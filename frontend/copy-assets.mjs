// Copies the GOV.UK Frontend JavaScript and images that trustplan serves (no fonts: we use Arial).
import { cpSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
const target = "../src/trustplan/web/static/govuk";
mkdirSync(`${target}/assets`, { recursive: true });
cpSync(`${source}/govuk-frontend.min.js`, `${target}/govuk-frontend.min.js`);
cpSync(`${source}/assets/images`, `${target}/assets/images`, { recursive: true });
