import type { ThemeConfig } from 'antd';

/**
 * antd's theme. Read twice: by the app (antd-shell.tsx) and by the build, which writes antd's styles
 * for it as one stylesheet (web/antd-static-css.ts), so the phone draws antd without computing them.
 *
 * Contrast to WCAG AA (4.5:1 for text). Links take the primary blue (5.2:1 on white); antd's own
 * link blue (#1677ff) is 4.1:1. A tag writes its text in the 7th shade of its colour on the 1st,
 * which for green, cyan, gold, orange and volcano (and the success / warning / error states) is
 * 2.3–3.7:1: their tags write in the 8th shade instead (5–6.4:1; gold and warning in the 9th, the
 * 8th being 4.25:1), in Tag only. The tags drawn without antd (ui/light-tag.tsx) use the same.
 */
export const THEME = {
  token: { colorPrimary: '#1668dc', colorLink: '#1668dc', borderRadius: 6 },
  // Class names without a theme hash: the prebuilt stylesheet's selectors are the plain antd ones.
  hashed: false,
  components: {
    Tag: {
      green7: '#237804',
      cyan7: '#006d75',
      gold7: '#874d00',
      orange7: '#ad4e00',
      volcano7: '#ad2102',
      colorSuccess: '#237804',
      colorWarning: '#874d00',
      colorError: '#cf1322',
    },
  },
} satisfies ThemeConfig;
