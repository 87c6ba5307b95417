// Live language checking for any textarea marked `data-language-check` (optionally with
// `data-person-id` and `data-document-kind`). Without JavaScript the same findings are shown
// in place when the form is submitted; this only shows them sooner, as the person types.
const DELAY_MS = 400;

function describe(finding) {
  const labels = { block: 'Must change', warn: 'Check', info: 'Suggestion' }; // as SEVERITY_LABELS (language/severity.ts)
  const suggestions = finding.suggestions.length ? ` Try: ${finding.suggestions.map((s) => `“${s}”`).join(' or ')}.` : '';
  return `Line ${finding.line}: ${finding.message.replace(/\.$/, '')} (${labels[finding.severity]}).${suggestions}`;
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
      for (const finding of findings) {
        const item = document.createElement('li');
        item.className = `app-finding--${finding.severity}`;
        item.textContent = describe(finding);
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
