/**
 * Extra looks on top of Button's variants (pass as `className`; tailwind-merge
 * lets them override the variant's colours).
 */
export const destructiveButton = "bg-destructive text-background border-transparent shadow-sm hover:bg-destructive/90";
export const ghostButton = "border-transparent bg-transparent shadow-none hover:bg-muted";
export const destructiveOutlineButton = "text-destructive hover:bg-destructive/10 hover:text-destructive";
