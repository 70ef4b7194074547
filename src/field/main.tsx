import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FieldApp } from './FieldApp';
import './field.css';

// the built app's worker only (the dev server has none; MODE, not PROD: a build under vitest has NODE_ENV=test);
// its scope is /field…, so the desk atlas (/) is never controlled
if ('serviceWorker' in navigator && import.meta.env.MODE !== 'development') {
  navigator.serviceWorker.register(`${import.meta.env.BASE_URL}field-sw.js`, { scope: `${import.meta.env.BASE_URL}field`, type: 'module' }).catch((reason: Error) => {
    document.documentElement.dataset.serviceWorkerError = reason.message;
  });
}

createRoot(document.getElementById('field-root')!).render(
  <StrictMode>
    <FieldApp />
  </StrictMode>,
);
