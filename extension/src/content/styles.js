// Styles of the page UI, inside the shadow root. The host takes no room; its children place themselves.
export const PAGE_UI_CSS = `
:host { all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important;
  width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.banner { position: fixed; top: 0; left: 0; right: 0; display: flex; gap: 16px; align-items: flex-start;
  padding: 12px 20px; background: #fff8e1; color: #3b2f00; border-bottom: 2px solid #f2b600;
  box-shadow: 0 2px 8px rgba(0,0,0,.15); font-size: 14px; line-height: 1.45; }
.banner .text { flex: 1; }
.banner strong { display: block; font-size: 15px; margin-bottom: 2px; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
button, .button { font: inherit; font-size: 14px; padding: 6px 14px; border-radius: 6px; cursor: pointer;
  border: 1px solid #8a7300; background: #fff; color: #3b2f00; text-decoration: none; }
button.primary { background: #1a56db; border-color: #1a56db; color: #fff; }
button:focus-visible, a:focus-visible { outline: 3px solid #1a56db; outline-offset: 2px; }
a { color: #1a56db; }
.cover { position: fixed; inset: 0; background: rgba(17,24,39,.72); display: flex; align-items: center;
  justify-content: center; padding: 24px; }
.dialog { background: #fff; color: #111827; max-width: 720px; width: 100%; max-height: 100%; display: flex;
  flex-direction: column; border-radius: 12px; box-shadow: 0 20px 50px rgba(0,0,0,.4); font-size: 15px; }
.dialog header { padding: 20px 24px 8px; }
.dialog h1 { font-size: 20px; margin: 0 0 6px; }
.dialog .guideline { overflow: auto; padding: 8px 24px; border-top: 1px solid #e5e7eb; border-bottom: 1px solid #e5e7eb;
  line-height: 1.55; }
.dialog footer { padding: 16px 24px; display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; }
.muted { color: #4b5563; font-size: 13px; }
.caution { color: #92400e; background: #fffbeb; border-left: 3px solid #d97706; padding: 4px 8px; font-size: 13px; }
.reminder { position: fixed; right: 20px; bottom: 20px; width: 380px; max-width: calc(100vw - 40px); background: #fff;
  color: #111827; border: 1px solid #d1d5db; border-radius: 12px; box-shadow: 0 10px 30px rgba(0,0,0,.25);
  padding: 16px 18px; font-size: 14px; line-height: 1.45; }
.reminder h2 { font-size: 15px; margin: 0 0 8px; }
.reminder ol { margin: 0 0 10px; padding-left: 20px; }
.dialog.dlp { max-width: 560px; }
.dialog.dlp .body { padding: 0 24px; }
.findings { margin: 0 0 8px; padding-left: 20px; line-height: 1.6; }
.findings code { display: inline-block; margin-left: 8px; padding: 0 6px; background: #f3f4f6; border-radius: 4px;
  font-family: ui-monospace, monospace; font-size: 13px; }
.reasons { border: 1px solid #e5e7eb; border-radius: 8px; margin: 8px 0; padding: 8px 12px; font-size: 14px; }
.reasons label { display: block; padding: 2px 0; }
.notice { position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); width: 480px; max-width: calc(100vw - 40px);
  background: #fff; color: #111827; border: 1px solid #d1d5db; border-left: 4px solid #1a56db; border-radius: 10px;
  box-shadow: 0 10px 30px rgba(0,0,0,.25); padding: 14px 18px; font-size: 14px; line-height: 1.45; }
.notice.blocked { border-left-color: #b91c1c; }
.notice p { margin: 4px 0 8px; }
`;
