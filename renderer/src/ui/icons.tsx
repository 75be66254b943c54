// Small inline SVG icons (no icon font, no images: nothing for the CSP to block). Each draws
// with currentColor so it follows the text colour and theme.
import type { ReactNode } from 'react';

const Svg = ({ children, size = 14 }: { children: ReactNode; size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6"
    strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    {children}
  </svg>
);

export const IconTerminate = () => (
  <Svg><rect x="3.5" y="3.5" width="9" height="9" rx="1.5" /></Svg>
);
export const IconKill = () => (
  <Svg><circle cx="8" cy="8" r="6" /><path d="M5.5 5.5l5 5M10.5 5.5l-5 5" /></Svg>
);
export const IconInterrupt = () => (
  <Svg><path d="M8 2.5v6" /><path d="M4.6 4.6a5 5 0 1 0 6.8 0" /></Svg>
);
export const IconStop = () => (
  <Svg><path d="M5.5 3.5v9M10.5 3.5v9" /></Svg>
);
export const IconContinue = () => (
  <Svg><path d="M5 3l8 5-8 5z" /></Svg>
);
export const IconTree = () => (
  <Svg><circle cx="4" cy="4" r="1.8" /><circle cx="12" cy="8" r="1.8" /><circle cx="12" cy="13" r="1.8" /><path d="M4 6v7h6M4 8h6" /></Svg>
);
export const IconLock = () => (
  <Svg><rect x="3.5" y="7" width="9" height="6.5" rx="1.2" /><path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" /></Svg>
);
export const IconMore = () => (
  <Svg><circle cx="3.5" cy="8" r="0.6" /><circle cx="8" cy="8" r="0.6" /><circle cx="12.5" cy="8" r="0.6" /></Svg>
);
export const IconSearch = () => (
  <Svg><circle cx="7" cy="7" r="4.5" /><path d="M10.5 10.5l3 3" /></Svg>
);
export const IconClose = () => (
  <Svg><path d="M4 4l8 8M12 4l-8 8" /></Svg>
);
export const IconSun = () => (
  <Svg><circle cx="8" cy="8" r="3" /><path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" /></Svg>
);
export const IconMoon = () => (
  <Svg><path d="M13 9.5A5.5 5.5 0 0 1 6.5 3a5.5 5.5 0 1 0 6.5 6.5z" /></Svg>
);
export const IconSystem = () => (
  <Svg><rect x="2" y="3" width="12" height="8" rx="1.2" /><path d="M6 14h4M8 11v3" /></Svg>
);
export const IconPause = () => (
  <Svg><path d="M5.5 3.5v9M10.5 3.5v9" /></Svg>
);
export const IconPlay = () => (
  <Svg><path d="M5 3l8 5-8 5z" /></Svg>
);
export const IconHelp = () => (
  <Svg><circle cx="8" cy="8" r="6" /><path d="M6.3 6.2a1.8 1.8 0 1 1 2.4 1.7c-.5.2-.7.6-.7 1.1v.3" /><circle cx="8" cy="11.6" r="0.3" /></Svg>
);
