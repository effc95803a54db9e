//! Template mistakes: every one is reported with the template's file and line, the line
//! itself, and what to write instead.

mod common;

use common::{TestSite, article};

fn one_story() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/world/2025-01-01-lachin.md",
        article(
            "Lachin talks",
            "2025-01-01T09:00:00Z",
            "tags = [\"Diplomacy\"]",
            "BAKU: Talks.",
        ),
    );
    site
}

/// `newsdesk build`, which must fail; its error output.
fn build_fails(site: &TestSite) -> String {
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    run.stderr
}

#[test]
fn an_unknown_filter_names_the_file_the_line_and_the_filter_meant() {
    let site = one_story();
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ term.name | shout }}</h1>\n{% endblock main %}\n",
    );
    let errors = build_fails(&site);
    assert!(
        errors.contains("templates/tag.html:3:20: error: unknown filter `shout`"),
        "{errors}"
    );
    assert!(
        errors.contains("<h1>{{ term.name | shout }}</h1>"),
        "the line is quoted: {errors}"
    );
    assert!(errors.contains("did you mean `upper`?"), "{errors}");
    assert!(!errors.contains("error: error"), "{errors}");
}

#[test]
fn a_misspelt_filter_test_or_function_gets_the_nearest_known_name() {
    let site = one_story();
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ term.name | uper }}\n{% if term.name is strin %}x{% endif %}\n{{ rnage(end=2) }}\n{% endblock main %}\n",
    );
    let errors = build_fails(&site);
    for expected in [
        "templates/tag.html:3:16: error: unknown filter `uper`",
        "did you mean `upper`?",
        "templates/tag.html:4:",
        "unknown test `strin`",
        "did you mean `string`?",
        "templates/tag.html:5:",
        "unknown function `rnage`",
        "did you mean `range`?",
        "build failed with 3 errors",
    ] {
        assert!(errors.contains(expected), "no `{expected}` in:\n{errors}");
    }
}

#[test]
fn an_if_left_open_is_reported_where_it_was_opened() {
    let site = one_story();
    let mut text = String::from("{% extends \"base.html\" %}\n{% block main %}\n{% if term %}\n");
    for i in 0..26 {
        text.push_str(&format!("<p>line {i}</p>\n"));
    }
    text.push_str("{% endblock main %}\n");
    site.write("templates/tag.html", text);
    let errors = build_fails(&site);
    assert!(
        errors.contains("templates/tag.html:3:1: error: `{% if term %}` is never closed"),
        "{errors}"
    );
    assert!(
        errors.contains("`{% endblock main %}` on line 30 comes first"),
        "{errors}"
    );
    assert!(errors.contains("add `{% endif %}`"), "{errors}");
    assert!(!errors.contains("Unknown tag"), "{errors}");
}

#[test]
fn a_misspelt_end_tag_names_the_tag_found_and_the_one_expected() {
    let site = one_story();
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if term %}\n<h1>{{ term.name }}</h1>\n{% endfi %}\n{% endblock main %}\n",
    );
    let errors = build_fails(&site);
    assert!(
        errors.contains("templates/tag.html:5:1: error: unknown tag `{% endfi %}`"),
        "{errors}"
    );
    assert!(
        errors.contains("the `{% if term %}` opened on line 3 ends with `{% endif %}`"),
        "{errors}"
    );
}

#[test]
fn a_template_extending_a_missing_one_names_its_line_and_the_nearest_template() {
    let site = one_story();
    site.write(
        "templates/tag.html",
        "{% extends \"bse.html\" %}\n{% block main %}{% endblock main %}\n",
    );
    let errors = build_fails(&site);
    assert!(
        errors.contains("templates/tag.html:1:4: error: extends `bse.html`"),
        "{errors}"
    );
    assert!(errors.contains("did you mean `base.html`?"), "{errors}");
}

#[test]
fn a_misspelt_override_is_a_warning_naming_the_built_in_template() {
    let site = one_story();
    site.write(
        "templates/articel.html",
        "{% extends \"base.html\" %}{% block main %}Mine{% endblock main %}",
    );
    // A partial that an override includes is in use, and not warned about.
    site.write("templates/partials/mine.html", "<p>mine</p>");
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block main %}{% include \"partials/mine.html\" %}{% endblock main %}",
    );
    let build = site.build_ok(&[]);
    let check = site.run(&["check"]);
    for run in [&build, &check] {
        assert!(
            run.stderr.contains("templates/articel.html: warning:"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("did you mean templates/article.html?"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("mine.html"), "{}", run.stderr);
    }
    assert!(check.stdout.contains("1 warning"), "{}", check.stdout);
}
