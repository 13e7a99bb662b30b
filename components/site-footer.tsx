export function SiteFooter() {
  return (
    <footer className="border-t">
      <div className="text-muted-foreground mx-auto max-w-6xl px-4 py-6 text-sm sm:px-6">
        A reference SaaS starter built with Next.js and Convex.
      </div>
    </footer>
  );
}
