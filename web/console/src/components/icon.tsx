/**
 * The console's icons: a few strokes each, drawn inline so they cost no request and no font,
 * and always decorative (the text beside them says the same), hence aria-hidden.
 */
const CIRCLE = 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18';

const PATHS = {
  plus: `${CIRCLE}M12 8v8M8 12h8`,
  refresh: 'M20 12a8 8 0 1 1-2.34-5.66L20 8.5M20 3.5v5h-5',
  check: `${CIRCLE}M8 12.5l2.5 2.5L16 9.5`,
  reopen: 'M4 12a8 8 0 1 0 2.34-5.66L4 8.5M4 3.5v5h5',
  clock: `${CIRCLE}M12 7v5l3.5 2`,
  send: 'M21 3L10 14M21 3l-6.5 18-4.5-7-7-4.5z',
  delivered: 'M2 12.5l4 4 8-9M10 16.5l1 1 9-10',
  read: 'M2 12s3.6-6.5 10-6.5S22 12 22 12s-3.6 6.5-10 6.5S2 12 2 12zM12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6',
  alert: 'M12 3.5L2.5 20h19zM12 10v4.5M12 17.2v.1',
  phoneOff:
    'M6 3.5h3.5l1.8 4.5-2.3 1.4a10.5 10.5 0 0 0 5.6 5.6l1.4-2.3 4.5 1.8v3.5a2 2 0 0 1-2 2A16.5 16.5 0 0 1 4 5.5a2 2 0 0 1 2-2zM3 3l18 18',
  ban: `${CIRCLE}M5.7 5.7l12.6 12.6`,
  message: 'M20.5 15a2 2 0 0 1-2 2H8l-4.5 4V5a2 2 0 0 1 2-2h13a2 2 0 0 1 2 2z',
  flag: 'M5 21V4M5 4h12.5l-2.5 4.5 2.5 4.5H5',
  bell: 'M18 9a6 6 0 0 0-12 0c0 6.5-2.5 8.5-2.5 8.5h17S18 15.5 18 9M13.7 20.5a2 2 0 0 1-3.4 0',
  note: 'M4.5 3.5h15v12l-5 5h-10zM14.5 20.5v-5h5M8 8.5h8M8 12h5',
  user: 'M12 4a4 4 0 1 0 0 8a4 4 0 1 0 0-8M4.5 21a7.5 7.5 0 0 1 15 0',
  pin: 'M12 16.5V22M8.5 3h7l-1 6.5 3.5 3V15h-12v-2.5l3.5-3z',
  search: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14M20.5 20.5l-4.5-4.5',
  back: 'M19 12H5M11 18l-6-6 6-6',
  dot: 'M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6',
  close: 'M18 6L6 18M6 6l12 12',
  signOut: 'M9.5 20.5h-4a2 2 0 0 1-2-2v-13a2 2 0 0 1 2-2h4M16 16.5l4.5-4.5L16 7.5M20.5 12H9',
  link: 'M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1 1M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1-1',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
