package dev.chirp.preview;

/** The preview page's inline style sheet: WhatsApp's light theme, no fonts or images to fetch. */
final class Styles {
  private Styles() {}

  static final String CSS =
      String.join(
          "\n",
          "*{box-sizing:border-box}",
          "body{margin:0;background:#efeae2;color:#111b21;"
              + "font:15px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}",
          ".page{padding:20px 24px;max-width:1200px}",
          "h1{font-size:20px;margin:0 0 12px}",
          ".toc{background:#fff;border-radius:8px;padding:10px 16px 10px 36px;margin:0 0 8px;"
              + "font-size:13px;columns:2}",
          ".toc a{color:#027eb5;text-decoration:none}",
          ".preview{margin:18px 0 28px}",
          ".preview>h2{font-size:13px;font-weight:600;color:#54656f;margin:0 0 8px}",
          ".preview>h2 .ex{font-weight:400}",
          ".general{margin:0 0 8px;max-width:680px}",
          ".chat{display:flex;gap:28px;align-items:flex-start;flex-wrap:wrap}",
          ".col{width:340px;flex:none}",
          ".col.wide{width:auto;max-width:100%}",
          ".col.wide>.bubble,.col.wide>.btn{max-width:340px}",
          ".bubble{background:#fff;border-radius:0 8px 8px 8px;padding:6px 9px 8px;position:relative;"
              + "box-shadow:0 1px .5px rgba(11,20,26,.13);overflow-wrap:anywhere}",
          ".bubble::before{content:'';position:absolute;top:0;left:-8px;border-style:solid;"
              + "border-width:0 8px 10px 0;border-color:transparent #fff transparent transparent}",
          ".text{white-space:normal}",
          ".header{font-weight:700;margin:0 0 4px}",
          ".meta{font-size:11px;color:#667781;text-align:right;margin-top:2px}",
          "code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}",
          ".quote{background:#f0f2f5;border-left:4px solid #06cf9c;border-radius:6px;"
              + "padding:4px 8px;margin:0 0 6px;font-size:13px;color:#667781}",
          ".quote b{color:#06cf9c;display:block;font-size:12px}",
          ".media{background:#cfd8dc;border-radius:6px;min-height:150px;margin:0 0 6px;display:flex;"
              + "flex-direction:column;align-items:center;justify-content:center;padding:10px;"
              + "font-size:11px;color:#37474f;text-align:center;word-break:break-all}",
          ".media .icon{font-size:30px;line-height:1;color:#607d8b;margin-bottom:6px}",
          ".media.video{background:#455a64;color:#eceff1}",
          ".media.video .icon{color:#eceff1}",
          ".alt{font-size:11px;font-style:italic;margin-top:4px}",
          ".file{background:#f5f6f6;border-radius:6px;padding:8px 10px;margin:0 0 6px;display:flex;"
              + "gap:10px;align-items:center}",
          ".file .doc{width:28px;height:34px;flex:none;background:#e53935;border-radius:3px;"
              + "color:#fff;font-size:8px;font-weight:700;display:flex;align-items:flex-end;"
              + "justify-content:center;padding-bottom:3px}",
          ".file .name{font-size:14px}",
          ".file .type{font-size:11px;color:#667781}",
          ".map{height:130px;border-radius:6px;margin:0 0 6px;position:relative;"
              + "background:linear-gradient(90deg,#dfe9d8 0 48%,#fff 48% 52%,#dfe9d8 52%),"
              + "#dfe9d8}",
          ".pin{position:absolute;left:50%;top:38%;width:24px;height:24px;margin:-12px 0 0 -12px;"
              + "background:#e53935;border-radius:50% 50% 50% 0;transform:rotate(-45deg)}",
          ".pin::after{content:'';position:absolute;left:8px;top:8px;width:8px;height:8px;"
              + "background:#fff;border-radius:50%}",
          ".coords{position:absolute;bottom:4px;right:6px;font-size:10px;color:#54656f}",
          ".label{font-weight:600}",
          ".address{font-size:13px;color:#667781}",
          ".btn{background:#fff;border-radius:8px;margin-top:2px;padding:8px;text-align:center;"
              + "color:#027eb5;font-size:14px;font-weight:500;box-shadow:0 1px .5px rgba(11,20,26,.13)}",
          ".btn .sub{display:block;font-size:10px;font-weight:400;color:#8696a0;word-break:break-all}",
          ".sheet{width:320px;flex:none;background:#fff;border-radius:14px 14px 0 0;"
              + "box-shadow:0 -1px 6px rgba(11,20,26,.16);padding:0 0 8px}",
          ".sheet .grip{width:36px;height:4px;border-radius:2px;background:#d1d7db;margin:8px auto}",
          ".sheet h3{font-size:16px;text-align:center;margin:0 0 6px}",
          ".section{color:#008069;font-size:13px;font-weight:500;padding:10px 16px 4px}",
          ".row{display:flex;gap:12px;align-items:center;padding:8px 16px;"
              + "border-bottom:1px solid #e9edef}",
          ".row .body{flex:1}",
          ".row .title{font-size:15px}",
          ".row .desc{font-size:13px;color:#667781}",
          ".radio{width:18px;height:18px;flex:none;border:2px solid #8696a0;border-radius:50%}",
          ".cards{display:flex;gap:8px;margin-top:6px;align-items:stretch}",
          ".card{width:230px;flex:none;display:flex;flex-direction:column}",
          ".card .bubble{border-radius:8px 8px 0 0;flex:1}",
          ".card .bubble:last-child{border-radius:8px}",
          ".card .btn{margin-top:0;border-radius:0 0 8px 8px;border-top:1px solid #e9edef}",
          ".card .bubble::before{display:none}",
          ".card .title{font-weight:600}",
          ".card .desc{font-size:13px;color:#3b4a54}",
          ".tpl{font-size:11px;color:#667781;margin:0 0 6px;text-transform:none}",
          ".param-row{margin:2px 0;font-size:14px}",
          ".param-row .key{font-size:11px;color:#667781;margin-right:6px}",
          "mark.param{background:#d9fdd3;color:#111b21;border-radius:4px;padding:0 3px;"
              + "outline:1px dashed #25d366}",
          ".flag-error{outline:2px solid #e53935;outline-offset:1px;border-radius:4px}",
          ".flag-warning{outline:2px solid #f9a825;outline-offset:1px;border-radius:4px}",
          ".flag-info{outline:1px dashed #1e88e5;outline-offset:1px;border-radius:4px}",
          ".caption{font-size:12px;line-height:1.3;margin:3px 0;padding:3px 6px;border-radius:4px;"
              + "text-align:left;font-weight:400}",
          ".caption.error{color:#b71c1c;background:#ffebee}",
          ".caption.warning{color:#7a4f00;background:#fff8e1}",
          ".caption.info{color:#0d47a1;background:#e3f2fd}",
          ".diff{display:grid;grid-template-columns:1fr 1fr;gap:24px}",
          ".diff>div>h3{font-size:12px;color:#54656f;margin:0 0 6px;text-transform:uppercase}",
          ".none{font-size:13px;color:#667781;font-style:italic}",
          ".changes{background:#fff;border-radius:8px;padding:10px 16px;font-size:13px}");
}
