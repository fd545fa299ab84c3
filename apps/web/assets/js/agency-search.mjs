// Agencies with a name like what is being typed, shown under the search box as links (progressive
// enhancement: without this file the form searches when sent, and nothing is missing). The names
// and their status come from the web's own /agencies/suggestions, already in the reader's
// language; they are put in the page as text, never as HTML. The count is announced politely.

const MIN = 3;
const WAIT_MS = 350;
/** Like the server's looksLikeLicenseNumber: a number goes straight to its page when sent. */
const LICENSE_NUMBER = /^[A-Za-z]{2,4}([\s-]?[A-Za-z]{2,6})?[\s-]?\d[\d\s-]*$/;
const TAG_CLASSES = /^[a-z0-9 -]*$/;

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function enhance(form) {
  const input = form.querySelector('input[name="q"]');
  const box = form.querySelector('#agency-suggestions');
  const url = form.getAttribute('data-suggestions');
  if (!input || !box || !url) return;

  const status = element('p', 'govuk-visually-hidden');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  form.appendChild(status);

  let timer;
  let pending;
  let last = input.value.trim();

  function clear() {
    box.hidden = true;
    box.replaceChildren();
  }

  function show(items, message) {
    status.textContent = message || '';
    if (!items.length) return clear();
    const list = element('ul', 'govuk-list govuk-!-margin-bottom-4');
    for (const item of items) {
      const li = element('li', 'govuk-!-margin-bottom-3');
      const name =
        item.href && item.href.startsWith('/')
          ? element('a', 'govuk-link govuk-!-font-weight-bold', item.name)
          : element('span', 'govuk-!-font-weight-bold', item.name);
      if (name.tagName === 'A') name.setAttribute('href', item.href);
      li.appendChild(name);
      if (item.tag && TAG_CLASSES.test(item.tag.classes)) {
        li.appendChild(document.createTextNode(' '));
        li.appendChild(element('strong', `govuk-tag ${item.tag.classes}`, item.tag.text));
      }
      li.appendChild(element('span', 'govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0', item.summary));
      list.appendChild(li);
    }
    box.replaceChildren(element('h2', 'govuk-heading-s govuk-!-margin-bottom-2', form.getAttribute('data-suggestions-heading') || ''), list);
    box.hidden = false;
  }

  async function suggest(q) {
    if (pending) pending.abort();
    pending = new AbortController();
    try {
      const target = new URL(url, window.location.href);
      target.searchParams.set('q', q);
      const response = await fetch(target, { headers: { accept: 'application/json' }, credentials: 'same-origin', signal: pending.signal });
      if (!response.ok) return clear();
      const body = await response.json();
      if (input.value.trim() === q) show(Array.isArray(body.items) ? body.items : [], body.message);
    } catch (e) {
      if (!e || e.name !== 'AbortError') clear();
    }
  }

  input.addEventListener('input', () => {
    const q = input.value.trim();
    if (q === last) return;
    last = q;
    window.clearTimeout(timer);
    if (q.length < MIN || LICENSE_NUMBER.test(q)) {
      if (pending) pending.abort();
      status.textContent = '';
      return clear();
    }
    timer = window.setTimeout(() => suggest(q), WAIT_MS);
  });
}

document.querySelectorAll('form[data-module="lcs-agency-search"]').forEach(enhance);
