//! Markdown read back as GitHub reads it (pulldown-cmark with tables), to
//! check that text from files breaks no table row and injects no HTML.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Every table of `markdown`: its rows (the header row first), each the
/// text of its cells.
pub(crate) fn tables(markdown: &str) -> Vec<Vec<Vec<String>>> {
    let mut tables = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => rows = Vec::new(),
            Event::End(TagEnd::Table) => tables.push(std::mem::take(&mut rows)),
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = Vec::new(),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => rows.push(std::mem::take(&mut cells)),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => cells.extend(cell.take()),
            Event::Text(text) | Event::Code(text) | Event::InlineHtml(text) | Event::Html(text) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(&text);
                }
            }
            _ => {}
        }
    }
    tables
}

/// The HTML in `markdown` other than the `<br>` etika writes for a line break.
pub(crate) fn html(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::InlineHtml(html) | Event::Html(html) if &*html != "<br>" => Some(html.to_string()),
            _ => None,
        })
        .collect()
}

/// Each table's lines have as many cell borders as its header line:
/// GitHub drops a row's extra cells and pads missing ones, so a pipe or
/// line break that split a cell shows only here, in the source.
pub(crate) fn assert_rows_fit(markdown: &str) {
    let mut header: Option<usize> = None;
    for line in markdown.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let borders = unescaped_pipes(line);
        match header {
            None => header = Some(borders),
            Some(expected) => assert_eq!(borders, expected, "row {line:?} in:\n{markdown}"),
        }
    }
}

fn unescaped_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut chars = line.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => {
                chars.next();
            }
            '|' => count += 1,
            _ => {}
        }
    }
    count
}
