// Progressive enhancement for every page. The service works without this file.
import { initAll } from '/static/nhsuk/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();

// nhsuk-frontend puts aria-expanded on radios and checkboxes that reveal more questions, and
// ARIA does not allow it there (axe: aria-allowed-attr, critical). The revealed questions come
// straight after the option, so the attribute adds nothing: remove it now and when it returns.
const isChoice = (el) => el instanceof HTMLElement && el.matches('input[type=radio], input[type=checkbox]');
document.querySelectorAll('input[aria-expanded]').forEach((el) => isChoice(el) && el.removeAttribute('aria-expanded'));
new window.MutationObserver((records) => {
  for (const { target } of records) if (isChoice(target) && target.hasAttribute('aria-expanded')) target.removeAttribute('aria-expanded');
}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-expanded'] });

if (document.querySelector('textarea[data-language-check]')) import('/static/language-live.js');

// Quick exit: hide the page at once, replace it in the history so Back does not return to it,
// and go to /exit, which ends the session on the server before sending the person to a neutral
// site. Shift or Escape pressed 3 times within 2 seconds does the same (a single Escape closes
// menus; Shift is the GOV.UK "Exit this page" shortcut).
const quickExit = document.querySelector('[data-quick-exit]');
if (quickExit) {
  const leave = (event) => {
    if (event) event.preventDefault();
    document.body.style.visibility = 'hidden';
    history.replaceState(null, '', '/');
    location.replace(quickExit.getAttribute('href'));
  };
  quickExit.addEventListener('click', leave);
  const presses = { Shift: [], Escape: [] };
  document.addEventListener('keydown', (event) => {
    const times = presses[event.key];
    if (!times || event.repeat) return;
    const now = Date.now();
    const recent = times.filter((t) => now - t < 2000);
    recent.push(now);
    presses[event.key] = recent;
    if (recent.length >= 3) leave();
  });
}
