// Progressive enhancement for every page. The service works without this file.
import { initAll } from '/static/nhsuk/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();

if (document.querySelector('textarea[data-language-check]')) import('/static/language-live.js');

// Quick exit: leave at once, replacing this page in the history so Back does not return.
const quickExit = document.querySelector('[data-quick-exit]');
if (quickExit) {
  const leave = (event) => {
    if (event) event.preventDefault();
    document.body.style.visibility = 'hidden';
    history.replaceState(null, '', '/');
    location.replace(quickExit.getAttribute('href'));
  };
  quickExit.addEventListener('click', leave);
  let presses = [];
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const now = Date.now();
    presses = presses.filter((t) => now - t < 2000);
    presses.push(now);
    if (presses.length >= 3) leave();
  });
}
