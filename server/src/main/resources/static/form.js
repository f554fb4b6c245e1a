// Progressive enhancement only: the form works without this script.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  // One live region for the page: what was copied is said, not only shown on the button.
  const status = document.getElementById('copy-status');
  for (const button of document.querySelectorAll('button[data-copy-target]')) {
    button.hidden = false;
    let restore;
    button.addEventListener('click', async () => {
      const target = document.getElementById(button.dataset.copyTarget);
      const text = target.textContent;
      try {
        await navigator.clipboard.writeText(text);
      } catch (e) {
        // No clipboard API (plain http on another host): select the text so Ctrl+C works.
        const range = document.createRange();
        range.selectNodeContents(target);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        document.execCommand('copy');
      }
      button.textContent = 'Copied';
      if (status) {
        // Emptied first, so that copying the same value twice is announced twice.
        status.textContent = '';
        setTimeout(() => { status.textContent = 'Copied the ' + button.dataset.copyWhat + '.'; }, 50);
      }
      clearTimeout(restore);
      restore = setTimeout(() => { button.textContent = 'Copy'; }, 2000);
    });
  }

  for (const button of document.querySelectorAll('button[data-reveal-target]')) {
    const input = document.getElementById(button.dataset.revealTarget);
    button.hidden = false;
    button.addEventListener('click', () => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      button.textContent = show ? 'Hide' : 'Show';
      button.setAttribute('aria-pressed', String(show));
    });
  }

  const firstInvalid = document.querySelector('[aria-invalid="true"]');
  if (firstInvalid) {
    firstInvalid.focus();
  }
});
