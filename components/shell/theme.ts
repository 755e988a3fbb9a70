/** Theme preference: stored in a cookie so the server renders the right class. */
export const THEME_COOKIE = 'roster-theme';
export type ThemePreference = 'light' | 'dark' | 'system';

export const themeScript = `(function(){try{var d=document.documentElement;if(d.dataset.theme==='system'&&window.matchMedia('(prefers-color-scheme: dark)').matches){d.classList.add('dark')}}catch(e){}})();`;
