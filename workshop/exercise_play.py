"""The multi-agency exercise in a room, as plain functions on a database session.

The rules of the game are :mod:`exercises.sharing`'s (what a role knows, when a share lands);
this module adds who is asking: a trainee plays one role and sees only that role's cards and
the ones shared with it in earlier rounds; only the trainer starts the exercise and moves the
clock on. Every change commits before it returns, and raises the room's version so pages that
wait on it wake up.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from exercises.debrief import debrief_json, run_debrief
from exercises.library import shipped_exercise, shipped_exercises
from exercises.models import Exercise
from exercises.sharing import Share, visible_cards
from exercises.words import debrief_words
from workshop.errors import WorkshopError
from workshop.exercise_models import ExercisePlay, ExerciseSeat, ExerciseShare
from workshop.models import Room, Trainee
from workshop.rooms import _bump

DEBRIEF_REPS = 300  # runs of each setting: several hundred, about a second on one core


def _check_open(room: Room) -> None:
    if room.closed_at is not None:
        raise WorkshopError(409, "This room is closed.")


def start(session: Session, room: Room, exercise_id: object) -> ExercisePlay:
    _check_open(room)
    if not isinstance(exercise_id, str) or exercise_id not in shipped_exercises():
        raise WorkshopError(400, f"Unknown exercise {exercise_id!r}; choose one of: {', '.join(shipped_exercises())}.")
    if session.scalar(select(ExercisePlay).where(ExercisePlay.room_id == room.id)) is not None:
        raise WorkshopError(409, "This room is already playing an exercise.")
    play = ExercisePlay(room_id=room.id, exercise=exercise_id, round_index=0)
    session.add(play)
    _bump(session, room)
    session.commit()
    return play


def play_of(session: Session, room: Room) -> ExercisePlay:
    play = session.scalar(select(ExercisePlay).where(ExercisePlay.room_id == room.id))
    if play is None:
        raise WorkshopError(404, "No exercise has started in this room yet. Wait for the trainer to start it.")
    return play


def exercise_of(play: ExercisePlay) -> Exercise:
    return shipped_exercise(play.exercise)


def is_over(play: ExercisePlay) -> bool:
    return play.round_index >= len(exercise_of(play).rounds)


def seat_of(session: Session, trainee: Trainee) -> ExerciseSeat | None:
    return session.scalar(select(ExerciseSeat).where(ExerciseSeat.trainee_id == trainee.id))


def take_role(session: Session, room: Room, trainee: Trainee, role: object) -> ExerciseSeat:
    """Sit a trainee in one agency's seat. Choosing the same seat again is harmless; changing seat
    mid-game is not allowed (the cards seen so far would go with them)."""
    _check_open(room)
    exercise = exercise_of(play_of(session, room))
    roles = {r.id: r for r in exercise.roles}
    if not isinstance(role, str) or role not in roles:
        raise WorkshopError(400, f"Choose one of the roles: {', '.join(r.title for r in exercise.roles)}.")
    seat = seat_of(session, trainee)
    if seat is not None:
        if seat.role != role:
            raise WorkshopError(409, f"You are already playing the {roles[seat.role].title.lower()}.")
        return seat
    seat = ExerciseSeat(room_id=room.id, trainee_id=trainee.id, role=role)
    session.add(seat)
    _bump(session, room)
    session.commit()
    return seat


def shares_of(session: Session, room: Room) -> list[Share]:
    rows = session.scalars(select(ExerciseShare).where(ExerciseShare.room_id == room.id).order_by(ExerciseShare.id))
    return [Share(round=r.round, sender=r.sender, card=r.card, to=r.recipient) for r in rows]


def share(session: Session, room: Room, trainee: Trainee, card: object, to: object) -> bool:
    """Pass one card on in the current round; True if stored, False if already shared so."""
    _check_open(room)
    play = play_of(session, room)
    exercise = exercise_of(play)
    if is_over(play):
        raise WorkshopError(409, "The last round is over; the debrief is on the trainer's screen.")
    seat = seat_of(session, trainee)
    if seat is None:
        raise WorkshopError(409, "Choose your role first.")
    roles = {r.id for r in exercise.roles}
    if not isinstance(to, str) or to not in roles or to == seat.role:
        raise WorkshopError(400, "Choose another role to share with.")
    current = exercise.rounds[play.round_index].id
    known = {c.id for c in visible_cards(exercise, shares_of(session, room), seat.role, current)}
    if not isinstance(card, str) or card not in known:
        raise WorkshopError(403, "That is not one of your cards.")
    session.add(ExerciseShare(room_id=room.id, round=current, sender=seat.role, card=card, recipient=to,
                              trainee_id=trainee.id))
    try:
        _bump(session, room)
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def advance(session: Session, room: Room) -> ExercisePlay:
    """Move the clock on to the next round (after the last, the game is over)."""
    _check_open(room)
    play = play_of(session, room)
    if is_over(play):
        raise WorkshopError(409, "Every round has been played.")
    play.round_index += 1
    _bump(session, room)
    session.commit()
    return play


def compute_debrief(exercise: Exercise, shares: list[Share]) -> dict:
    """The debrief the pages show (the ``mfc workshop exercise --json`` object). Pure of the
    database, so the service can run it off the event loop."""
    debrief = run_debrief(exercise, shares, reps=DEBRIEF_REPS)
    return debrief_json(debrief) | {"words": debrief_words(debrief).text()}


def store_debrief(session: Session, room: Room, play: ExercisePlay, data: dict) -> None:
    play.debrief = data
    _bump(session, room)
    session.commit()


def _round(exercise: Exercise, play: ExercisePlay) -> dict | None:
    if is_over(play):
        return None
    r = exercise.rounds[play.round_index]
    return {"number": play.round_index + 1, "id": r.id, "title": r.title, "narrative": r.narrative}


def _about(exercise: Exercise, play: ExercisePlay) -> dict:
    return {"id": exercise.id, "title": exercise.title, "child": exercise.child.name,
            "content_note": exercise.content_note, "situation": exercise.situation, "clock": exercise.clock,
            "rounds": len(exercise.rounds), "round": _round(exercise, play), "over": is_over(play),
            "debrief_ready": play.debrief is not None,
            "roles": [{"id": r.id, "title": r.title} for r in exercise.roles]}


def trainee_view(session: Session, room: Room, trainee: Trainee) -> dict:
    """What one trainee may see: their role, their own cards and those shared with them in earlier
    rounds (who gave each), and what they have shared this round. Nothing of any other role."""
    play = play_of(session, room)
    exercise = exercise_of(play)
    view = _about(exercise, play)
    seat = seat_of(session, trainee)
    view |= {"role": None, "cards": [], "shared_this_round": []}
    if seat is None:
        return view
    shares = shares_of(session, room)
    current = None if is_over(play) else exercise.rounds[play.round_index].id
    role = next(r for r in exercise.roles if r.id == seat.role)
    titles = {r.id: r.title for r in exercise.roles}
    given_by = {s.card: titles[s.sender] for s in shares if s.to == seat.role}
    view["role"] = {"id": role.id, "title": role.title, "briefing": role.briefing, "illustrative": role.illustrative}
    view["cards"] = [{"id": c.id, "title": c.title, "text": c.text, "illustrative": c.illustrative,
                      "from": None if c.held_by == seat.role else given_by.get(c.id)}
                     for c in visible_cards(exercise, shares, seat.role, current)]
    view["shared_this_round"] = [{"card": s.card, "to": s.to} for s in shares
                                 if s.round == current and s.sender == seat.role]
    return view


def trainer_view(session: Session, room: Room) -> dict:
    """The projector's view: the round, how many sit in each seat, how many shares so far (not
    who shared what: that is for the debrief)."""
    play = play_of(session, room)
    exercise = exercise_of(play)
    seated = dict(session.execute(select(ExerciseSeat.role, func.count(ExerciseSeat.id))
                                  .where(ExerciseSeat.room_id == room.id).group_by(ExerciseSeat.role)).all())
    shares = shares_of(session, room)
    current = None if is_over(play) else exercise.rounds[play.round_index].id
    return _about(exercise, play) | {
        "seats": {r.id: seated.get(r.id, 0) for r in exercise.roles},
        "shares": len(shares), "shares_this_round": sum(s.round == current for s in shares),
    }
