// The Mejora mark: a rising line on an indigo square.
export const Logo = () => (
  <svg width="26" height="26" viewBox="0 0 32 32" aria-hidden>
    <rect width="32" height="32" rx="7" fill="#3b4fc4" />
    <path
      d="M8 22l6-6 4 4 6-8"
      stroke="white"
      strokeWidth="3"
      fill="none"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  </svg>
);
