// Progressive enhancement only: every page works without this file. Loaded as a module
// (<script type="module">, deferred; browsers without modules never run it), so no inline script
// is needed to mark the page as scripted.
import { initAll } from './govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
