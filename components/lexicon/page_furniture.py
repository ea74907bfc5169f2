"""Page furniture: the wording of the boxes and prompts that news sites put between the
paragraphs of a story (sign-up boxes, "Related:" links, app and social-media prompts, share
buttons, advertisement labels, copyright and photo-credit lines, WordPress shortcodes), as
read by :mod:`components.ingest.boilerplate` on whole short lines only.

Written for Dateline (issue #10), from two named sources and not from any evaluation document:
the kinds of block that trafilatura discards by their class names (its ``xpaths.py``:
newsletter, related, share, social, subscribe, advert, copyright, credit), written here as the
words those blocks show to a reader; and the shortcodes WordPress itself registers (the
WordPress Shortcode API: ``audio``, ``caption``, ``embed``, ``gallery``, ``playlist``,
``video``, ``wp_caption``) plus those of its Jetpack plug-in (``youtube``, ``tweet``,
``instagram``…). Everything is lower case.
"""
from __future__ import annotations

# Labels that open a line of links to other stories ("Related: Flood defences approved",
# "READ MORE - Amber warning issued"), or stand alone as the heading of such a list.
LINK_LABELS = frozenset({
    "related", "related articles", "related stories", "related story", "related content",
    "related coverage", "related links", "related news", "related reading", "related topics",
    "read more", "read also", "also read", "read next", "more reading", "see also", "also see",
    "recommended", "recommended reading", "recommended stories", "more on this story",
    "more on this topic", "more stories", "you may also like", "you might also like",
    "more from this section", "most read", "most popular", "top stories", "trending",
})

# Whole lines that are only a label of the page ("Advertisement", "Share this article").
FILLER_LINES = frozenset({
    "advertisement", "advertisements", "advertising", "ad", "ads", "sponsored",
    "sponsored content", "paid content", "paid post", "skip advertisement",
    "story continues below advertisement", "article continues below advertisement",
    "continue reading below", "continue reading the main story", "continue reading",
    "scroll to continue", "scroll to continue with content",
    "share", "share this", "share this article", "share this story", "share this post",
    "share this page", "share article", "share story", "share on facebook", "share on twitter",
    "share on x", "share on whatsapp", "share on linkedin", "share via email", "tweet",
    "email this article", "print this article", "copy link", "link copied",
    "comments", "leave a comment", "view comments", "show comments", "back to top",
    "listen to this article", "save article", "gift this article",
})

# The opening words of a sign-up prompt, and the words one of them must be followed by
# ("Sign up for our newsletter…", "Get the morning briefing in your inbox").
SIGN_UP_OPENERS = ("sign up", "signup", "subscribe", "register", "join", "get", "receive",
                   "enter your email", "want", "never miss", "don't miss", "click here")
SIGN_UP_OBJECTS = frozenset({"newsletter", "newsletters", "inbox", "email", "e-mail", "emails",
                             "briefing", "bulletin", "digest", "alerts", "subscription",
                             "subscribe", "subscriber"})

# The opening words of an app promotion, and the word it must name ("Download our app…").
APP_OPENERS = ("download", "get", "install", "try", "read", "listen", "watch", "stay")
APP_OBJECTS = frozenset({"app", "apps", "app store", "google play", "play store"})

# A prompt to follow the outlet elsewhere, and the networks it names ("Follow us on X").
FOLLOW_OPENERS = ("follow us", "like us", "find us", "join us", "connect with us", "follow",
                  "subscribe to our", "join our")
SOCIAL_NETWORKS = frozenset({
    "facebook", "x", "twitter", "instagram", "tiktok", "youtube", "linkedin", "threads",
    "bluesky", "telegram", "whatsapp", "mastodon", "snapchat", "pinterest", "reddit",
    "google news", "flipboard", "social media",
})

# Labels of a picture credit line ("Photo: Jane Doe/Example Daily", "Image credit: Reuters").
CREDIT_LABELS = frozenset({
    "photo", "photos", "photograph", "photographs", "photography", "picture", "pictures",
    "pic", "image", "images", "image source", "image credit", "photo credit", "picture credit",
    "credit", "credits", "illustration", "graphic", "file photo", "main image", "top image",
    "video",
})

# Shortcode tags: WordPress's own (Shortcode API) and Jetpack's.
SHORTCODE_TAGS = frozenset({
    "audio", "caption", "embed", "gallery", "playlist", "video", "wp_caption",
    "archives", "bandcamp", "dailymotion", "facebook", "flickr", "gist", "googlemaps",
    "instagram", "pinterest", "polldaddy", "recipe", "scribd", "slideshare", "soundcloud",
    "spotify", "ted", "tweet", "twitch", "twitter", "vimeo", "youtube", "contact-form",
    "related", "ad", "adsense", "ads", "advert", "newsletter", "mc4wp_form", "button",
})
