// mvdan-sh ships no types. Its nodes are GopherJS objects mirroring mvdan.cc/sh/v3/syntax; shell.ts narrows
// them with syntax.NodeType() before reading fields, so the module surface stays deliberately small here.
declare module 'mvdan-sh' {
  export interface GoPos {
    Offset(): number;
    Line(): number;
    Col(): number;
  }
  export interface GoNode {
    Pos(): GoPos;
    End(): GoPos;
  }
  export type ParserOption = { readonly __parserOption: unique symbol };
  export interface GoParser {
    Parse(src: string, name: string): GoNode;
  }
  const sh: {
    syntax: {
      NewParser(...options: ParserOption[]): GoParser;
      KeepComments(keep: boolean): ParserOption;
      Variant(lang: unknown): ParserOption;
      LangBash: unknown;
      LangPOSIX: unknown;
      NodeType(node: unknown): string;
    };
  };
  export default sh;
}
