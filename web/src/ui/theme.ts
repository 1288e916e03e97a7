// The Mantine theme: indigo, with every text and filled colour dark enough for a 4.5:1 contrast (WCAG AA).
import {
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  Menu,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

/** Darker than shade 9 for the palettes whose shade 9 is too light for text on their own tint. */
const strongText: Record<string, string> = {
  teal: '#077252',
  orange: '#b83d0d',
  yellow: '#a15300',
  green: '#257535',
  lime: '#4a760a',
  red: '#bf2828',
};
const lightVariants = new Set(['light', 'subtle', 'outline', 'transparent']);

/** Light, subtle and outline controls get shade 9 text; warm filled controls a darker background. */
const variantColorResolver: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return base;
  const strong = strongText[parsed.color] ?? `var(--mantine-color-${parsed.color}-9)`;
  if (lightVariants.has(input.variant)) return { ...base, color: strong, hoverColor: strong };
  if (input.variant === 'filled' && parsed.color in strongText) {
    return { ...base, background: strong, hover: strong, color: 'var(--mantine-color-white)' };
  }
  return base;
};

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 5 },
  autoContrast: true,
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  // People who ask their system for less motion get no transitions.
  respectReducedMotion: true,
  variantColorResolver,
  components: {
    // The placeholder that receives focus on open is a focusable role="presentation" div, which is not a
    // valid child of role="menu"; without it the first item takes focus, as the ARIA menu pattern asks.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
  },
});

/** Dimmed text one shade darker than Mantine's, so it keeps a 4.5:1 contrast on white and on gray.0. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': '#bf2828' },
  dark: {},
});
