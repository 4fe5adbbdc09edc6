import type { ThemeConfig } from 'antd';

/**
 * antd's theme. Read twice: by the app (antd-shell.tsx) and by the build, which writes antd's styles
 * for it as one stylesheet (web/antd-static-css.ts), so the phone draws antd without computing them.
 *
 * Contrast to WCAG AA (4.5:1 for text). Links take the primary blue (5.2:1 on white); antd's own
 * link blue (#1677ff) is 4.1:1. A tag writes its text in the 7th shade of its colour on the 1st,
 * which for green, cyan, gold, orange and volcano (and the success / warning / error states) is
 * 2.3–3.7:1: their tags write in the 8th shade instead (4.6–6:1), in Tag only.
 */
export const THEME = {
  token: { colorPrimary: '#1668dc', colorLink: '#1668dc', borderRadius: 6 },
  // Class names without a theme hash: the prebuilt stylesheet's selectors are the plain antd ones.
  hashed: false,
  components: {
    Tag: {
      green7: '#237804',
      cyan7: '#006d75',
      gold7: '#ad6800',
      orange7: '#ad4e00',
      volcano7: '#ad2102',
      colorSuccess: '#237804',
      colorWarning: '#ad6800',
      colorError: '#cf1322',
    },
  },
} satisfies ThemeConfig;
