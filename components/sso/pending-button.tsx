import { LoaderCircle, type LucideIcon } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";

type PendingButtonProps = ButtonProps & {
  /** The server is at it: a spinner in place of the icon, `pendingLabel` in place of the text, and no second click. */
  pending: boolean;
  icon: LucideIcon;
  /** "Running…", "Setting up…"; the usual text when left out. */
  pendingLabel?: string;
};

/** A button that starts a server call and shows, in place, that it is under way (and says so to screen readers with aria-busy). */
export function PendingButton({ pending, icon: Icon, pendingLabel, disabled, children, ...props }: PendingButtonProps) {
  return (
    <Button disabled={pending || disabled} aria-busy={pending || undefined} {...props}>
      {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Icon aria-hidden />}
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
