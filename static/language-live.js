// Live language checking for any textarea marked `data-language-check` (optionally with
// `data-person-id` and `data-document-kind`). Without JavaScript the same findings are shown
// in place when the form is submitted; this only shows them sooner, as the person types, and a
// safe fix is a button that makes it in the text (the form's own fix buttons do the same on the server).
const DELAY_MS = 400;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

function describe(finding) {
  const labels = { block: 'Must change', warn: 'Check', info: 'Suggestion' }; // as SEVERITY_LABELS (language/severity.ts)
  const suggestions = finding.suggestions.length ? ` Try: ${finding.suggestions.map((s) => `“${s}”`).join(' or ')}.` : '';
  return `Line ${finding.line}: ${finding.message.replace(/\.$/, '')} (${labels[finding.severity]}).${suggestions}`;
}

/** The guard's fix where it is safe (as the editor's own buttons: warn or block, with a fix), with the words it replaces. */
function safeFix(finding, text) {
  const fix = finding.fix;
  if (!fix || (finding.severity !== 'warn' && finding.severity !== 'block')) return undefined;
  return { ...fix, words: text.slice(fix.start, fix.end), line: finding.line, name: finding.category === 'previous-name' };
}

/**
 * A button that makes the fix in the textarea, as the form's own fix buttons do on the server:
 * only where the words are still at that place; either way the text is checked again.
 */
function fixButton(textarea, fix) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-2';
  // A previous name is never shown, not even on its own button.
  const which = fix.nth ? `the ${fix.nth} ` : fix.name ? 'the ' : '';
  button.textContent = `Change ${which}${fix.name ? 'name' : `‘${fix.words}’`} to ‘${fix.replacement}’ (line ${fix.line})`;
  button.addEventListener('click', () => {
    const value = textarea.value;
    if (value.slice(fix.start, fix.end) === fix.words) {
      textarea.value = value.slice(0, fix.start) + fix.replacement + value.slice(fix.end);
      const caret = fix.start + fix.replacement.length;
      textarea.focus();
      textarea.setSelectionRange(caret, caret);
    } else {
      textarea.focus();
    }
    textarea.dispatchEvent(new window.Event('input'));
  });
  return button;
}

function attach(textarea) {
  const csrf = textarea.form?.querySelector('input[name="_csrf"]')?.value ?? '';
  const panel = document.createElement('div');
  panel.className = 'app-live-findings';
  panel.setAttribute('aria-live', 'polite');
  panel.id = `${textarea.id}-live-findings`;
  textarea.insertAdjacentElement('afterend', panel);

  let timer;
  let latest = 0;
  const run = async () => {
    const request = ++latest;
    const body = { text: textarea.value };
    if (textarea.dataset.personId) body.personId = textarea.dataset.personId;
    if (textarea.dataset.documentKind) body.documentKind = textarea.dataset.documentKind;
    try {
      const response = await fetch('/api/v1/language/check', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        credentials: 'same-origin',
        body: JSON.stringify(body),
      });
      if (!response.ok || request !== latest) return;
      const { findings } = await response.json();
      panel.replaceChildren();
      if (!findings.length) return;
      const heading = document.createElement('p');
      heading.className = 'nhsuk-body-s nhsuk-u-margin-bottom-1';
      heading.textContent = `The language guard has ${findings.length} ${findings.length === 1 ? 'suggestion' : 'suggestions'}:`;
      const list = document.createElement('ul');
      list.className = 'nhsuk-list nhsuk-body-s';
      // The same words more than once on a line: each button says which (as the form's buttons do).
      const fixes = findings.map((finding) => safeFix(finding, body.text));
      const where = (fix) => `${fix.line}\u0000${fix.name ? '' : fix.words}`;
      for (const fix of fixes) {
        if (!fix) continue;
        const same = fixes.filter((other) => other && where(other) === where(fix)).sort((a, b) => a.start - b.start);
        if (same.length > 1) fix.nth = ORDINALS[same.indexOf(fix)] ?? `number ${same.indexOf(fix) + 1}`;
      }
      for (const [index, finding] of findings.entries()) {
        const item = document.createElement('li');
        item.className = `app-finding--${finding.severity}`;
        const words = document.createElement('span');
        words.textContent = describe(finding);
        item.append(words);
        const fix = fixes[index];
        if (fix) item.append(' ', fixButton(textarea, fix));
        list.append(item);
      }
      panel.append(heading, list);
    } catch {
      // Offline or signed out: the check on save still runs.
    }
  };
  textarea.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, DELAY_MS);
  });
  if (textarea.value.trim()) run();
}

for (const textarea of document.querySelectorAll('textarea[data-language-check]')) attach(textarea);
