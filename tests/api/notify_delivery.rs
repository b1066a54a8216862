//! Delivery that loses nothing: a slow or dead mail server never slows a
//! request and its mails go out once it is back; the outbox survives a
//! restart and a task that died holding a claim (webhooks: `webhooks.rs`).

use std::time::{Duration, Instant};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use merkwaardig::db::entities::delivery;
use merkwaardig::services::notify::outbox;

use crate::helpers::smtp::{Inbox, dead_port};
use crate::helpers::{As, TestApp};
use crate::notifications::{notices, with_mail};

pub async fn wait_until<F, Fut>(what: &str, check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    crate::helpers::wait_for(what, Duration::from_secs(20), check).await
}

#[rocket::async_test]
async fn a_mail_server_that_never_answers_does_not_slow_a_request() {
    // Accepts connections and says nothing: every send waits for its timeout.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://127.0.0.1:{}", silent.local_addr().unwrap().port());
    let held = std::thread::spawn(move || {
        let streams: Vec<_> = silent.incoming().take(50).flatten().collect();
        streams.len()
    });
    let app = TestApp::spawn_with(|f| with_mail(f, &url)).await;
    for n in 0..4 {
        let id = app
            .submit(
                As::Staff("anna"),
                &format!("Verhaal {n}"),
                &["klantgericht"],
            )
            .await;
        let start = Instant::now();
        app.publish(id).await;
        // A send waits 3 seconds for the silent server; the request does not.
        assert!(
            start.elapsed() < Duration::from_millis(1500),
            "publishing took {:?}",
            start.elapsed()
        );
    }
    assert_eq!(notices(&app, As::Staff("anna")).await["unread"], 4);
    drop(held);
}

#[rocket::async_test]
async fn mails_wait_for_a_dead_mail_server_and_go_out_once_it_is_back() {
    let port = dead_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::spawn_with(|f| with_mail(f, &url)).await;
    let id = app
        .submit_published(As::Staff("anna"), "Geduld", &["klantgericht"])
        .await;
    // The first try fails and is kept, with the reason, for an administrator.
    wait_until("a failed attempt is recorded", || async {
        let (_, body) = app.get_json("/api/v1/deliveries", As::Admin("ada")).await;
        body["deliveries"].as_array().is_some_and(|d| !d.is_empty())
    })
    .await;
    let (_, body) = app.get_json("/api/v1/deliveries", As::Admin("ada")).await;
    assert_eq!(body["deliveries"][0]["failed"], false, "still being tried");
    assert_eq!(body["deliveries"][0]["channel"], "email");
    assert!(body["deliveries"][0]["last_error"].as_str().unwrap().len() > 3);

    let inbox = Inbox::start_on(port);
    let mails = inbox.wait_for(1).await;
    assert!(mails[0].subject.contains("Geduld"));
    wait_until("the outbox is empty", || async {
        outbox::pending(&app.state().db).await.unwrap() == 0
    })
    .await;
    let _ = id;
}

#[rocket::async_test]
async fn the_outbox_survives_a_restart_and_a_task_that_died_holding_a_claim() {
    let port = dead_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::spawn_with(|f| with_mail(f, &url)).await;
    for n in 0..5 {
        app.submit_published(
            As::Staff("anna"),
            &format!("Bewaard {n}"),
            &["klantgericht"],
        )
        .await;
    }
    assert_eq!(outbox::pending(&app.state().db).await.unwrap(), 5);
    let stopped = app.stop().await;

    // As if another replica had claimed every mail and died mid-send: the
    // claims run out in two seconds, then the mails are sent by whoever
    // looks.
    {
        let url = if stopped.database_url().is_empty() {
            format!(
                "sqlite://{}?mode=rw",
                stopped.dir.join("data/merkwaardig.db").display()
            )
        } else {
            stopped.database_url().to_owned()
        };
        let db = sea_orm::Database::connect(url).await.unwrap();
        let until = chrono::Utc::now() + chrono::Duration::seconds(2);
        delivery::Entity::update_many()
            .col_expr(delivery::Column::ClaimedUntil, Expr::value(until))
            .filter(delivery::Column::DeliveredAt.is_null())
            .exec(&db)
            .await
            .unwrap();
        db.close().await.unwrap();
    }
    let inbox = Inbox::start_on(port);
    let app = stopped.start_with(|f| with_mail(f, &url)).await;
    let claimed_at = Instant::now();
    let mails = inbox.wait_for(5).await;
    assert!(
        claimed_at.elapsed() >= Duration::from_millis(1500),
        "claims were respected"
    );
    wait_until("the outbox is empty", || async {
        outbox::pending(&app.state().db).await.unwrap() == 0
    })
    .await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let mails_now = inbox.mails();
    assert_eq!(mails_now.len(), 5, "each mail once: {mails:#?}");
    let mut ids: Vec<&str> = mails_now.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "five different messages");
}

#[rocket::async_test]
async fn a_waiting_story_judged_before_its_mail_went_out_is_not_mailed_about() {
    let port = dead_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::spawn_with(|f| with_mail(f, &url)).await;
    app.get("/", As::Manager("mia")).await;
    app.send_json(
        "PUT",
        "/api/v1/me/notification-settings",
        &json!({"waiting": "email"}),
        As::Manager("mia"),
    )
    .await;
    let id = app
        .submit(As::Staff("anna"), "Al beoordeeld", &["klantgericht"])
        .await;
    app.moderate(id, "publish", &Value::Null, As::Admin("ada"))
        .await;
    // An attempt under way while the story was judged looked at it before:
    // it fails on the dead port first (a mail server that answers within
    // that moment would get it; the check is as late as the send allows).
    wait_until("no mail is being sent", || async {
        delivery::Entity::find()
            .filter(delivery::Column::ClaimedUntil.is_not_null())
            .all(&app.state().db)
            .await
            .unwrap()
            .is_empty()
    })
    .await;
    let inbox = Inbox::start_on(port);
    // The author's mail goes out; the manager's about the queue does not.
    let mails = inbox.wait_for(1).await;
    wait_until("the outbox is empty", || async {
        outbox::pending(&app.state().db).await.unwrap() == 0
    })
    .await;
    let mails_now = inbox.mails();
    assert_eq!(mails_now.len(), 1, "{mails:#?}");
    assert_eq!(mails_now[0].to, ["anna@example.nl"]);
}
