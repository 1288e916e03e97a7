// Line icons drawn in the text colour: the paths of each, one way to draw them. Decorative: the control names itself.
const paths = {
  up: ['M12 19V5M5 12l7-7 7 7'],
  down: ['M12 5v14M19 12l-7 7-7-7'],
  remove: ['M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3'],
  edit: ['M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z'],
  bell: ['M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9', 'M10.3 21a1.94 1.94 0 0 0 3.4 0'],
} as const;

export type LineIconName = keyof typeof paths;

export function LineIcon({ name, size = 16 }: { name: LineIconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      {paths[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
