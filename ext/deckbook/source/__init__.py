"""What a source file is, read once, the same for every builder (read phase).

- :mod:`.encoding`: files that are not UTF-8 are decoded instead of aborting the build;
- :mod:`.titles`: the one front-matter reader (Jekyll's strict YAML, then Marp's
  lenient rules of :mod:`.marp_yaml`), a typed :class:`~.frontmatter.FrontMatter` per
  page that posts, Marp and decks consult (``is_marp``, ``is_post``, ``is_jekyll``);
- :mod:`.titles`: the page title from the front matter or the file name;
- :mod:`.comments`: an unclosed ``<!--`` warns and keeps its text;
- :mod:`.safety`: no file from outside the source and conf folders reaches the site;
  :mod:`.own_output`: the build's own output, inside the source folder, is no page;
- :mod:`.offline`, :mod:`.remote_images`: pages never load an image from another host
  by themselves; remote images are vendored at build time.
"""
