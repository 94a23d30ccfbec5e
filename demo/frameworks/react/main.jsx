import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.jsx';

createRoot(/** @type {HTMLElement} */ (document.getElementById('app'))).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
